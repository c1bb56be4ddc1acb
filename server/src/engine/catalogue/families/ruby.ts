import type { ImageFamily } from '../types';
import { alpine, CHAINGUARD, CHECKED, debianFull, debianSlim, DOCKER_LIBRARY, shellless } from './common';

/** Ruby's branch page gives exact days for ended branches; March 2026 and March 2027 are month-only (recorded as the month's last day). */
const BRANCHES = 'https://www.ruby-lang.org/en/downloads/branches/ and https://dev.to/hsbt/is-your-ruby-version-still-supported-a-maintainers-guide-to-rubys-release-cycle-799 (3.2 ended March 2026, 3.3 security-only until March 2027: month-only, recorded as the last day)';

export const ruby: ImageFamily = {
  id: 'ruby',
  title: 'Ruby',
  repositories: ['ruby'],
  kind: 'runtime',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: [
    { cycle: '2.7', eol: '2023-03-31', source: BRANCHES, checked: CHECKED },
    { cycle: '3.0', eol: '2024-04-23', source: BRANCHES, checked: CHECKED },
    { cycle: '3.1', eol: '2025-03-26', source: BRANCHES, checked: CHECKED },
    { cycle: '3.2', eol: '2026-03-31', source: BRANCHES, checked: CHECKED },
    { cycle: '3.3', eol: '2027-03-31', source: BRANCHES, checked: CHECKED },
    { cycle: '3.4', eol: null, source: BRANCHES, checked: CHECKED },
    { cycle: '4.0', eol: null, source: BRANCHES, checked: CHECKED },
  ],
  variants: [
    { name: 'alpine', words: ['alpine'], facts: alpine(100), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'slim', words: ['slim'], facts: debianSlim(220), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'full', words: [], facts: debianFull(1000, { buildTools: true }), source: DOCKER_LIBRARY, checked: CHECKED },
  ],
  alternatives: [
    { image: 'ruby:{v-}slim{-os}', summary: 'Debian, keeps a shell, apt and bundler (no compiler: gems with C extensions need a build stage)', facts: debianSlim(220), source: DOCKER_LIBRARY, checked: CHECKED },
    { image: 'ruby:{v-}alpine', summary: 'Alpine (musl: native gems build for it), keeps a shell', facts: alpine(100), source: DOCKER_LIBRARY, checked: CHECKED },
    {
      image: 'cgr.dev/chainguard/ruby:latest',
      summary: 'Wolfi, no shell or bundler, runs as UID 65532 (free tier: :latest only)',
      facts: shellless('wolfi', undefined, { entrypoint: ['/usr/bin/ruby'] }),
      fixedVersion: 'newest',
      source: CHAINGUARD,
      checked: CHECKED,
    },
  ],
};

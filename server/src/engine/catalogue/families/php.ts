import type { ImageFamily, VariantFacts } from '../types';
import { alpine, CHAINGUARD, CHECKED, debianFull, DOCKER_LIBRARY, shellless } from './common';

/** Since the 2024 policy change each branch gets two years of bug fixes and two of security fixes, ending on 31 December. */
const SUPPORTED = 'https://www.php.net/supported-versions.php and https://www.php.net/eol.php';

/**
 * The Debian variants keep `$PHPIZE_DEPS` (gcc, make, autoconf) installed for
 * `docker-php-ext-install`; the Alpine ones add them only while building an extension. `apache`
 * has no Alpine flavour, so it is not full-size: nothing smaller runs the same thing.
 */
const DEBIAN: Partial<VariantFacts> = { buildTools: true };

export const php: ImageFamily = {
  id: 'php',
  title: 'PHP',
  repositories: ['php'],
  kind: 'runtime',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: [
    { cycle: '7.4', eol: '2022-11-28', source: SUPPORTED, checked: CHECKED },
    { cycle: '8.0', eol: '2023-11-26', source: SUPPORTED, checked: CHECKED },
    { cycle: '8.1', eol: '2025-12-31', source: SUPPORTED, checked: CHECKED },
    { cycle: '8.2', eol: '2026-12-31', source: SUPPORTED, checked: CHECKED },
    { cycle: '8.3', eol: '2027-12-31', source: SUPPORTED, checked: CHECKED },
    { cycle: '8.4', eol: '2028-12-31', source: SUPPORTED, checked: CHECKED },
    { cycle: '8.5', eol: '2029-12-31', source: SUPPORTED, checked: CHECKED },
  ],
  variants: [
    { name: 'fpm-alpine', words: ['fpm', 'alpine'], facts: alpine(100, { listens: [9000] }), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'zts-alpine', words: ['zts', 'alpine'], facts: alpine(100), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'cli-alpine', words: ['alpine'], facts: alpine(100), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'apache', words: ['apache'], facts: debianFull(500, { ...DEBIAN, fullSize: false, listens: [80] }), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'fpm', words: ['fpm'], facts: debianFull(480, { ...DEBIAN, listens: [9000] }), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'zts', words: ['zts'], facts: debianFull(480, DEBIAN), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'cli', words: [], facts: debianFull(480, DEBIAN), source: DOCKER_LIBRARY, checked: CHECKED },
  ],
  // Each names the variants it can replace (`from`): an FPM image moves to fpm-alpine, never to the CLI.
  alternatives: [
    { image: 'php:{v-}fpm-alpine', summary: 'Alpine with php-fpm, keeps a shell', facts: alpine(100, { listens: [9000] }), from: ['fpm'], source: DOCKER_LIBRARY, checked: CHECKED },
    { image: 'php:{v-}zts-alpine', summary: 'Alpine, thread-safe PHP, keeps a shell', facts: alpine(100), from: ['zts'], source: DOCKER_LIBRARY, checked: CHECKED },
    { image: 'php:{v-}cli-alpine', summary: 'Alpine, the CLI, keeps a shell', facts: alpine(100), from: ['cli'], source: DOCKER_LIBRARY, checked: CHECKED },
    {
      image: 'cgr.dev/chainguard/php:latest',
      from: ['cli', 'cli-alpine'],
      summary: 'Wolfi, the CLI without a shell or composer, runs as UID 65532 (free tier: :latest only)',
      facts: shellless('wolfi', undefined, { entrypoint: ['/usr/bin/php'] }),
      fixedVersion: 'newest',
      source: CHAINGUARD,
      checked: CHECKED,
    },
  ],
};

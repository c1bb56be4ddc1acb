import type { ImageFamily } from '../types';
import { alpine, CHAINGUARD, CHECKED, debianFull, debianSlim, DISTROLESS, DOCKER_LIBRARY, NONROOT, shellless } from './common';

const VERSIONS = 'https://devguide.python.org/versions/';

export const python: ImageFamily = {
  id: 'python',
  title: 'Python',
  repositories: ['python'],
  kind: 'runtime',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: [
    { cycle: '2.7', eol: '2020-01-01', source: VERSIONS, checked: CHECKED },
    { cycle: '3.6', eol: '2021-12-23', source: VERSIONS, checked: CHECKED },
    { cycle: '3.7', eol: '2023-06-27', source: VERSIONS, checked: CHECKED },
    { cycle: '3.8', eol: '2024-10-07', source: VERSIONS, checked: CHECKED },
    { cycle: '3.9', eol: '2025-10-31', source: VERSIONS, checked: CHECKED },
    { cycle: '3.10', eol: '2026-10-31', source: VERSIONS, checked: CHECKED },
    { cycle: '3.11', eol: '2027-10-31', source: VERSIONS, checked: CHECKED },
    { cycle: '3.12', eol: '2028-10-31', source: VERSIONS, checked: CHECKED },
    { cycle: '3.13', eol: '2029-10-31', source: VERSIONS, checked: CHECKED },
    { cycle: '3.14', eol: '2030-10-31', source: VERSIONS, checked: CHECKED },
  ],
  variants: [
    { name: 'alpine', words: ['alpine'], facts: alpine(50), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'slim', words: ['slim'], facts: debianSlim(125), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'full', words: [], facts: debianFull(1020, { buildTools: true }), source: DOCKER_LIBRARY, checked: CHECKED },
  ],
  alternatives: [
    { image: 'python:{v-}slim{-os}', summary: 'Debian, keeps a shell and apt (no compiler)', facts: debianSlim(125), source: DOCKER_LIBRARY, checked: CHECKED },
    { image: 'python:{v-}alpine', summary: 'Alpine (musl: packages without musl wheels build from source), keeps a shell', facts: alpine(50), source: DOCKER_LIBRARY, checked: CHECKED },
    {
      image: 'gcr.io/distroless/python3-debian13:nonroot',
      summary: 'no shell or pip, runs as UID 65532',
      facts: shellless('debian', 55, { user: NONROOT, entrypoint: ['/usr/bin/python3'] }),
      fixedVersion: '3.13',
      source: DISTROLESS,
      checked: CHECKED,
    },
    {
      image: 'cgr.dev/chainguard/python:latest',
      summary: 'Wolfi, no shell or pip, runs as UID 65532 (free tier: :latest only)',
      facts: shellless('wolfi', 60, { entrypoint: ['/usr/bin/python'] }),
      fixedVersion: 'newest',
      source: CHAINGUARD,
      checked: CHECKED,
    },
  ],
};

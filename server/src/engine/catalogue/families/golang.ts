import type { ImageFamily } from '../types';
import { alpine, CHAINGUARD, CHECKED, debianFull, DISTROLESS, DOCKER_LIBRARY, shellless } from './common';

/** Each Go release is supported until the second newer major release (go.dev/doc/devel/release). */
const RELEASES = 'https://go.dev/doc/devel/release (a release is supported until two newer majors exist)';

export const golang: ImageFamily = {
  id: 'golang',
  title: 'Go',
  repositories: ['golang'],
  kind: 'runtime',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: [
    { cycle: '1.19', eol: '2023-08-08', source: RELEASES, checked: CHECKED },
    { cycle: '1.20', eol: '2024-02-06', source: RELEASES, checked: CHECKED },
    { cycle: '1.21', eol: '2024-08-13', source: RELEASES, checked: CHECKED },
    { cycle: '1.22', eol: '2025-02-11', source: RELEASES, checked: CHECKED },
    { cycle: '1.23', eol: '2025-08-12', source: RELEASES, checked: CHECKED },
    { cycle: '1.24', eol: '2026-02-10', source: RELEASES, checked: CHECKED },
    { cycle: '1.25', eol: '2026-08-11', source: RELEASES, checked: CHECKED },
    { cycle: '1.26', eol: null, source: RELEASES, checked: CHECKED },
    { cycle: '1.27', eol: null, source: RELEASES, checked: CHECKED },
  ],
  variants: [
    { name: 'alpine', words: ['alpine'], facts: alpine(250, { toolchain: true }), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'full', words: [], facts: debianFull(820, { toolchain: true }), source: DOCKER_LIBRARY, checked: CHECKED },
  ],
  alternatives: [
    {
      image: 'gcr.io/distroless/base-debian13:nonroot',
      summary: 'glibc, so cgo binaries run too; no shell, runs as UID 65532',
      facts: shellless('debian', 20),
      split: true,
      source: DISTROLESS,
      checked: CHECKED,
    },
    {
      image: 'gcr.io/distroless/static-debian13:nonroot',
      summary: 'no libc (the build gets CGO_ENABLED=0), no shell, runs as UID 65532',
      facts: shellless('debian', 2, { libc: 'none' }),
      split: true,
      source: DISTROLESS,
      checked: CHECKED,
    },
    {
      image: 'cgr.dev/chainguard/static:latest',
      summary: 'Wolfi, no libc (the build gets CGO_ENABLED=0), no shell, runs as UID 65532',
      facts: shellless('wolfi', 1, { libc: 'none' }),
      split: true,
      source: CHAINGUARD,
      checked: CHECKED,
    },
  ],
};

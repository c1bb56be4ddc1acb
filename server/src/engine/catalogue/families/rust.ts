import type { ImageFamily } from '../types';
import { alpine, CHAINGUARD, CHECKED, debianFull, debianSlim, DISTROLESS, DOCKER_LIBRARY, shellless } from './common';

/** Only the newest stable Rust gets fixes; a line "ends" when the next ships every six weeks, so no dates are kept. */
const TOOLCHAIN = { toolchain: true } as const;

export const rust: ImageFamily = {
  id: 'rust',
  title: 'Rust',
  repositories: ['rust'],
  kind: 'runtime',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: [],
  variants: [
    { name: 'alpine', words: ['alpine'], facts: alpine(900, TOOLCHAIN), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'slim', words: ['slim'], facts: debianSlim(800, TOOLCHAIN), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'full', words: [], facts: debianFull(1500, TOOLCHAIN), source: DOCKER_LIBRARY, checked: CHECKED },
  ],
  // The program is what runs: build here, run the binary on one of these (the split is described, not automated, for Rust).
  alternatives: [
    {
      image: 'gcr.io/distroless/cc-debian13:nonroot',
      summary: 'glibc and libgcc (what Rust binaries link), no shell, runs as UID 65532',
      facts: shellless('debian', 25),
      split: true,
      source: DISTROLESS,
      checked: CHECKED,
    },
    {
      image: 'gcr.io/distroless/static-debian13:nonroot',
      summary: 'no libc (build for x86_64-unknown-linux-musl), no shell, runs as UID 65532',
      facts: shellless('debian', 2, { libc: 'none' }),
      split: true,
      source: DISTROLESS,
      checked: CHECKED,
    },
    {
      image: 'cgr.dev/chainguard/glibc-dynamic:latest',
      summary: 'Wolfi glibc only, no shell, runs as UID 65532',
      facts: shellless('wolfi', 10),
      split: true,
      source: CHAINGUARD,
      checked: CHECKED,
    },
  ],
};

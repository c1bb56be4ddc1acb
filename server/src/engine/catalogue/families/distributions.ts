import { ALPINE_RELEASES, DEBIAN_RELEASES, UBUNTU_RELEASES } from '../osReleases';
import type { Alternative, ImageFamily } from '../types';
import { alpine as alpineFacts, CHAINGUARD, CHECKED, DISTROLESS, DOCKER_LIBRARY, ROOT, shellless } from './common';

/** Where a general-purpose OS image can go when the app needs little of the OS. */
const SHELLLESS_BASES: readonly Alternative[] = [
  {
    image: 'gcr.io/distroless/base-debian13:nonroot',
    summary: 'glibc and CA certificates only, no shell or package manager, runs as UID 65532',
    facts: shellless('debian', 20),
    source: DISTROLESS,
    checked: CHECKED,
  },
  {
    image: 'cgr.dev/chainguard/glibc-dynamic:latest',
    summary: 'Wolfi glibc only, no shell or package manager, runs as UID 65532',
    facts: shellless('wolfi', 10),
    source: CHAINGUARD,
    checked: CHECKED,
  },
];

const ALPINE_LATEST: Alternative = {
  image: 'alpine:3.22',
  summary: 'Alpine (musl, apk instead of apt), keeps a shell',
  facts: alpineFacts(8),
  source: DOCKER_LIBRARY,
  checked: CHECKED,
};

export const debian: ImageFamily = {
  id: 'debian',
  title: 'Debian',
  repositories: ['debian'],
  kind: 'os',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: DEBIAN_RELEASES,
  variants: [
    { name: 'slim', words: ['slim'], facts: { os: 'debian', libc: 'glibc', shell: true, packageManager: 'apt', user: ROOT, toolchain: false, sizeMB: 75, fullSize: false }, source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'full', words: [], facts: { os: 'debian', libc: 'glibc', shell: true, packageManager: 'apt', user: ROOT, toolchain: false, sizeMB: 117, fullSize: true }, source: DOCKER_LIBRARY, checked: CHECKED },
  ],
  alternatives: [
    {
      image: 'debian:{name}-slim',
      summary: 'Debian without documentation and locales, keeps a shell and apt',
      facts: { os: 'debian', libc: 'glibc', shell: true, packageManager: 'apt', user: ROOT, toolchain: false, sizeMB: 75, fullSize: false },
      source: DOCKER_LIBRARY,
      checked: CHECKED,
    },
    ALPINE_LATEST,
    ...SHELLLESS_BASES,
  ],
};

export const ubuntu: ImageFamily = {
  id: 'ubuntu',
  title: 'Ubuntu',
  repositories: ['ubuntu'],
  kind: 'os',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: UBUNTU_RELEASES,
  variants: [
    // No slimmer Ubuntu in this repository: the minimal routes are another base (Canonical's
    // chiseled images exist only for some stacks, e.g. ubuntu/dotnet-*).
    { name: 'full', words: [], facts: { os: 'ubuntu', libc: 'glibc', shell: true, packageManager: 'apt', user: ROOT, toolchain: false, sizeMB: 78, fullSize: true }, source: DOCKER_LIBRARY, checked: CHECKED },
  ],
  alternatives: [ALPINE_LATEST, ...SHELLLESS_BASES],
};

export const alpine: ImageFamily = {
  id: 'alpine',
  title: 'Alpine',
  repositories: ['alpine'],
  kind: 'os',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: ALPINE_RELEASES,
  variants: [{ name: 'alpine', words: [], facts: alpineFacts(8), source: DOCKER_LIBRARY, checked: CHECKED }],
  alternatives: [
    {
      image: 'gcr.io/distroless/static-debian13:nonroot',
      summary: 'no libc, shell or package manager (static binaries), runs as UID 65532',
      facts: shellless('debian', 2, { libc: 'none' }),
      source: DISTROLESS,
      checked: CHECKED,
    },
    {
      image: 'cgr.dev/chainguard/static:latest',
      summary: 'Wolfi, no libc, shell or package manager (static binaries), runs as UID 65532',
      facts: shellless('wolfi', 1, { libc: 'none' }),
      source: CHAINGUARD,
      checked: CHECKED,
    },
  ],
};

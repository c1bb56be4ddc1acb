import type { ImageFamily, VariantFacts } from '../types';
import { CHECKED, DISTROLESS, DOCKER_LIBRARY, ROOT, shellless } from './common';

const DOCKERFILES = 'https://github.com/docker-library/busybox (latest/<glibc|musl|uclibc>; the untagged variant is glibc)';
const RELEASES = 'https://busybox.net/ (no support periods published)';

/** Already minimal: BusyBox's own shell and applets, no package manager, root. */
function busyboxFacts(libc: VariantFacts['libc'], sizeMB: number): VariantFacts {
  return { os: 'busybox', libc, shell: true, packageManager: null, user: ROOT, toolchain: false, sizeMB, fullSize: false };
}

export const busybox: ImageFamily = {
  id: 'busybox',
  title: 'BusyBox',
  repositories: ['busybox'],
  kind: 'tool',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: ['1.35', '1.36', '1.37'].map((cycle) => ({ cycle, eol: null, source: RELEASES, checked: CHECKED })),
  // uClibc is not one of the catalogue's libcs: `-uclibc` tags are left undescribed.
  variants: [
    { name: 'musl', words: ['musl'], facts: busyboxFacts('musl', 1.5), source: DOCKERFILES, checked: CHECKED },
    { name: 'glibc', words: [], without: ['uclibc'], facts: busyboxFacts('glibc', 4.3), source: DOCKERFILES, checked: CHECKED },
  ],
  alternatives: [
    {
      image: 'gcr.io/distroless/static-debian13:nonroot',
      summary: 'no shell or libc (static binaries), runs as UID 65532',
      facts: shellless('debian', 2, { libc: 'none' }),
      source: DISTROLESS,
      checked: CHECKED,
    },
  ],
};

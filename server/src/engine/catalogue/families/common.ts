import type { ImageUser, VariantFacts } from '../types';

/**
 * Facts shared by many images. The official images' Debian variants come from
 * docker-library (buildpack-deps for the full ones), their Alpine variants from the same
 * Dockerfiles on Alpine; distroless, Chainguard and Docker Hardened runtime images run as
 * `nonroot` (65532) with no shell (anchors D1–D3).
 */

export const ROOT: ImageUser = { name: 'root', uid: 0 };
export const NONROOT: ImageUser = { name: 'nonroot', uid: 65532 };

export const DOCKER_LIBRARY = 'https://github.com/docker-library/official-images (library/<name>) and the image\'s Docker Hub page';
export const DISTROLESS = 'https://github.com/GoogleContainerTools/distroless README.md, SUPPORT_POLICY.md, common/variables.bzl @cd080764';
export const CHAINGUARD = 'https://images.chainguard.dev/ and chainguard-images/images BEST_PRACTICES.md (free tier: latest and latest-dev)';
export const DHI = 'https://docs.docker.com/dhi/ and docker-hardened-images/catalog (run-as nonroot 65532; -dev runs as root)';
export const CHECKED = '2026-12-02';

/** The full Debian variant of an official language image (buildpack-deps: compilers, headers, git). */
export function debianFull(sizeMB: number, extra: Partial<VariantFacts> = {}): VariantFacts {
  return { os: 'debian', libc: 'glibc', shell: true, packageManager: 'apt', user: ROOT, toolchain: false, sizeMB, fullSize: true, ...extra };
}

export function debianSlim(sizeMB: number, extra: Partial<VariantFacts> = {}): VariantFacts {
  return { os: 'debian', libc: 'glibc', shell: true, packageManager: 'apt', user: ROOT, toolchain: false, sizeMB, fullSize: false, ...extra };
}

export function alpine(sizeMB: number, extra: Partial<VariantFacts> = {}): VariantFacts {
  return { os: 'alpine', libc: 'musl', shell: true, packageManager: 'apk', user: ROOT, toolchain: false, sizeMB, fullSize: false, ...extra };
}

/** Architectures the free images are published for (distroless README; Chainguard's free tier). */
export const DISTROLESS_ARCHITECTURES = ['amd64', 'arm64', 'arm', 's390x', 'ppc64le'] as const;
export const CHAINGUARD_ARCHITECTURES = ['amd64', 'arm64'] as const;

/** Distroless and Docker Hardened runtime images: Debian without shell or package manager, UID 65532. */
export function shellless(os: VariantFacts['os'], sizeMB: number | undefined, extra: Partial<VariantFacts> = {}): VariantFacts {
  const architectures = os === 'wolfi' ? CHAINGUARD_ARCHITECTURES : DISTROLESS_ARCHITECTURES;
  return { os, libc: os === 'wolfi' || os === 'debian' || os === 'distroless' ? 'glibc' : 'musl', shell: false, packageManager: null, user: NONROOT, toolchain: false, ...(sizeMB ? { sizeMB } : {}), fullSize: false, architectures, ...extra };
}

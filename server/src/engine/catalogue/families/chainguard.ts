import type { ImageFamily, VariantFacts, VariantRule } from '../types';
import { CHAINGUARD, CHECKED, ROOT, shellless } from './common';

/**
 * Chainguard Images (anchors D2), Wolfi-based. `-dev` tags add a busybox shell and apk for build
 * stages and run as root; the others have no shell and run as 65532. `wolfi-base`,
 * `chainguard-base` and `busybox` are shell images for building on, running as root.
 */
const DEV: Partial<VariantFacts> = { shell: true, packageManager: 'apk', user: ROOT };
/** Compiler images: build here, run the output elsewhere. */
const TOOLCHAINS = ['go', 'rust', 'jdk', 'gcc-glibc', 'dotnet-sdk', 'maven', 'gradle'];

function variant(name: string, words: readonly string[], extra: Partial<VariantFacts>): VariantRule {
  return { name, words, facts: shellless('wolfi', undefined, extra), source: CHAINGUARD, checked: CHECKED };
}

export const chainguard: ImageFamily = {
  id: 'chainguard',
  title: 'Chainguard',
  repositories: ['cgr.dev/chainguard/*'],
  kind: 'os',
  source: CHAINGUARD,
  checked: CHECKED,
  cycles: [],
  variants: [
    ...TOOLCHAINS.flatMap((name) => [variant(`${name} dev`, [`repo:${name}`, 'dev'], { ...DEV, toolchain: true }), variant(name, [`repo:${name}`], { toolchain: true })]),
    variant('dev', ['dev'], DEV),
    variant('wolfi-base', ['repo:wolfi-base'], DEV),
    variant('chainguard-base', ['repo:chainguard-base'], DEV),
    variant('busybox', ['repo:busybox'], { shell: true, user: ROOT }),
    variant('static', ['repo:static'], { libc: 'none' }),
    variant('runtime', [], {}),
  ],
  alternatives: [],
};

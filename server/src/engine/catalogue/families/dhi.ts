import type { ImageFamily, VariantFacts, VariantRule } from '../types';
import { CHECKED, DHI, ROOT, shellless } from './common';

/**
 * Docker Hardened Images (anchors D3) on dhi.io. Runtime tags have no shell or package manager
 * and run as 65532; `-dev` adds both and runs as root; `-sdk` is a `-dev` with the build tools.
 * Debian unless the tag names Alpine. The paid tiers mirror them to Docker Hub as
 * `<org>/dhi-<name>` (anchors D3).
 */
function variant(name: string, words: readonly string[], alpine: boolean, extra: Partial<VariantFacts>): VariantRule {
  const os = alpine ? 'alpine' : 'debian';
  const build = extra.shell ? { packageManager: alpine ? ('apk' as const) : ('apt' as const) } : {};
  return { name, words, facts: shellless(os, undefined, { ...extra, ...build }), source: DHI, checked: CHECKED };
}

const DEV: Partial<VariantFacts> = { shell: true, user: ROOT };
const SDK: Partial<VariantFacts> = { ...DEV, toolchain: true };

export const dhi: ImageFamily = {
  id: 'dhi',
  title: 'Docker Hardened Images',
  repositories: ['dhi.io/*', '*/dhi-*'],
  kind: 'os',
  source: DHI,
  checked: CHECKED,
  cycles: [],
  variants: [
    variant('sdk alpine', ['sdk', 'alpine'], true, SDK),
    variant('sdk', ['sdk'], false, SDK),
    variant('dev alpine', ['dev', 'alpine'], true, DEV),
    variant('dev', ['dev'], false, DEV),
    variant('alpine', ['alpine'], true, {}),
    variant('runtime', [], false, {}),
  ],
  alternatives: [],
};

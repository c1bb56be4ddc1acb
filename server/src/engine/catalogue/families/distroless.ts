import type { ImageFamily, ReleaseCycle, VariantFacts, VariantRule } from '../types';
import { CHECKED, DISTROLESS, NONROOT, ROOT, shellless } from './common';

/**
 * Google's distroless images (anchors D1). The repository names the contents and the Debian
 * release (`python3-debian12`); the tag says who runs it and whether busybox comes along:
 * `latest` runs as root, `nonroot` as 65532, `debug` adds a busybox shell at /busybox/sh.
 */
const EOL_DEBIAN12 = `${DISTROLESS} (anchors D1: Debian 12 images end Sept 2026, language images Jan 2026 (java, nodejs) and April 2026 (python3); month-only, recorded as the month's last day)`;

const KINDS: readonly { name: string; words: readonly string[]; facts: Partial<VariantFacts> }[] = [
  { name: 'static', words: ['repo:static'], facts: { libc: 'none' } },
  { name: 'java-base', words: ['repo:java', 'repo:base'], facts: {} },
  { name: 'base-nossl', words: ['repo:base', 'repo:nossl'], facts: {} },
  { name: 'base', words: ['repo:base'], facts: {} },
  { name: 'cc', words: ['repo:cc'], facts: {} },
  { name: 'python3', words: ['repo:python3'], facts: { entrypoint: ['/usr/bin/python3'] } },
  ...['11', '17', '21', '25'].map((v) => ({ name: `java${v}`, words: [`repo:java${v}`], facts: { entrypoint: ['/usr/bin/java', '-jar'] } })),
  ...['18', '20', '22', '24', '26'].map((v) => ({ name: `nodejs${v}`, words: [`repo:nodejs${v}`], facts: { entrypoint: ['/nodejs/bin/node'] } })),
];

/** Tag flavours, most specific first. */
const FLAVOURS: readonly { suffix: string; words: readonly string[]; facts: Partial<VariantFacts> }[] = [
  { suffix: ':debug-nonroot', words: ['debug', 'nonroot'], facts: { shell: true, user: NONROOT } },
  { suffix: ':debug', words: ['debug'], facts: { shell: true, user: ROOT } },
  { suffix: ':nonroot', words: ['nonroot'], facts: { user: NONROOT } },
  { suffix: '', words: [], facts: { user: ROOT } },
];

const variants: VariantRule[] = KINDS.flatMap((kind) =>
  FLAVOURS.map((flavour) => ({
    name: `${kind.name}${flavour.suffix}`,
    words: [...kind.words, ...flavour.words],
    facts: shellless('debian', undefined, { ...kind.facts, ...flavour.facts }),
    source: DISTROLESS,
    checked: CHECKED,
  })),
);

function lines(names: readonly string[], eol: string | null, source: string): ReleaseCycle[] {
  return names.map((cycle) => ({ cycle, eol, source, checked: CHECKED }));
}

export const distroless: ImageFamily = {
  id: 'distroless',
  title: 'Distroless',
  repositories: ['gcr.io/distroless/*'],
  kind: 'os',
  source: DISTROLESS,
  checked: CHECKED,
  // Keyed by repository name (see `cycleOf`): each image's own support window.
  cycles: [
    ...lines(['static-debian12', 'base-debian12', 'base-nossl-debian12', 'cc-debian12'], '2026-09-30', EOL_DEBIAN12),
    ...lines(['java17-debian12', 'java21-debian12', 'nodejs20-debian12', 'nodejs22-debian12', 'nodejs24-debian12'], '2026-01-31', EOL_DEBIAN12),
    ...lines(['python3-debian12'], '2026-04-30', EOL_DEBIAN12),
    ...lines(
      ['static', 'base', 'base-nossl', 'cc', 'java-base', 'java17', 'java21', 'java25', 'nodejs22', 'nodejs24', 'nodejs26', 'python3'].map((name) => `${name}-debian13`),
      null,
      DISTROLESS,
    ),
  ],
  variants,
  alternatives: [],
};

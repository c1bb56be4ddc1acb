import type { ImageReference } from '../../parse/dockerfileModel';
import { FAMILIES } from './families';
import { findCycle, hasEnded, nextSupported, readTag, type TagWords } from './imageTags';
import { OS_RELEASES, OS_TITLES, type OsReleaseName } from './osReleases';
import type { Alternative, ImageFamily, ReleaseCycle, VariantFacts, VariantRule } from './types';

/** What the catalogue knows about one image reference. */
export interface ImageFacts {
  family: ImageFamily;
  /** The repository as the catalogue names it (`python`, `gcr.io/distroless/static-debian13`). */
  repository: string;
  tag: TagWords;
  /** The runtime's (or, for OS images, the OS's) release line, when the tag names a known one. */
  cycle: ReleaseCycle | null;
  variant: VariantRule;
  facts: VariantFacts;
  /** The OS release the image is built on, when the tag or the family says which. */
  os: { name: OsReleaseName; cycle: ReleaseCycle } | null;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** `python` for Docker Hub's `library/python`, else `registry/repository`. */
export function catalogueName(ref: ImageReference): string {
  const registry = ref.registry?.toLowerCase() ?? null;
  const repository = ref.repository.toLowerCase();
  if (registry === null || DOCKER_HUB.has(registry)) return repository.replace(/^library\//, '');
  return `${registry}/${repository}`;
}

/**
 * Built once: repository → family, the wildcard prefixes (`cgr.dev/chainguard/`), and Docker Hub
 * name prefixes in any namespace (written with a leading star and slash: `<org>/dhi-python`).
 */
const exact = new Map<string, ImageFamily>();
const prefixes: { prefix: string; family: ImageFamily }[] = [];
const inAnyNamespace: { prefix: string; family: ImageFamily }[] = [];
for (const family of FAMILIES) {
  for (const repository of family.repositories) {
    if (repository.startsWith('*/') && repository.endsWith('*')) inAnyNamespace.push({ prefix: repository.slice(2, -1), family });
    else if (repository.endsWith('/*')) prefixes.push({ prefix: repository.slice(0, -1), family });
    else exact.set(repository, family);
  }
}

function familyOf(name: string): ImageFamily | null {
  return exact.get(name) ?? prefixes.find((p) => name.startsWith(p.prefix))?.family ?? inNamespaceFamily(name);
}

/** `<org>/<repository>` on Docker Hub (one namespace, no registry) against the any-namespace prefixes. */
function inNamespaceFamily(name: string): ImageFamily | null {
  const [namespace = '', repository = '', ...deeper] = name.split('/');
  if (deeper.length > 0 || repository === '' || /[.:]/.test(namespace) || namespace === 'localhost') return null;
  return inAnyNamespace.find((p) => repository.startsWith(p.prefix))?.family ?? null;
}

const aliasesByFamily = new Map<ImageFamily, Map<string, string>>();
function versionAliases(family: ImageFamily): Map<string, string> {
  let aliases = aliasesByFamily.get(family);
  if (!aliases) {
    aliases = new Map();
    if (family.kind !== 'os') for (const c of family.cycles) for (const name of c.codenames ?? []) aliases.set(name, c.cycle);
    aliasesByFamily.set(family, aliases);
  }
  return aliases;
}

/**
 * The catalogue's facts for an image, or null when it is not in the catalogue (or is a Windows
 * image). Looked up by exact repository in a map, and remembered per reference text, so a
 * keystroke costs a map hit per FROM, never a scan of the table.
 */
export function lookUpImage(ref: ImageReference): ImageFacts | null {
  const key = `${catalogueName(ref)}:${ref.tag ?? ''}`;
  if (memo.has(key)) return memo.get(key) ?? null;
  const facts = computeFacts(ref);
  if (memo.size > 2000) memo.clear();
  memo.set(key, facts);
  return facts;
}
const memo = new Map<string, ImageFacts | null>();

/** The look-up without the memo: what the first keystroke on a new FROM pays (for the benchmark). */
export function lookUpImageUncached(ref: ImageReference): ImageFacts | null {
  return computeFacts(ref);
}

function computeFacts(ref: ImageReference): ImageFacts | null {
  const repository = catalogueName(ref);
  const family = familyOf(repository);
  if (!family) return null;
  const tag = readTag(ref.tag, versionAliases(family));
  if (tag.windows) return null;
  const cycle = cycleOf(family, repository, tag);
  // `cycle:<line>` lets a variant differ by release line (see VariantRule).
  const words = new Set([...tag.words, ...repositoryWords(family, repository), ...(cycle ? [`cycle:${cycle.cycle}`] : [])]);
  const variant = family.variants.find((v) => v.words.every((w) => words.has(w)) && !(v.without ?? []).some((w) => words.has(w)));
  if (!variant) return null;
  return { family, repository, tag, cycle, variant, facts: variant.facts, os: osOf(family, tag, cycle) };
}

/**
 * Words a repository name carries for variant matching: `runtime-deps` in
 * `mcr.microsoft.com/dotnet/runtime-deps`, `nginx-unprivileged`, `debian12` in distroless names.
 */
function repositoryWords(family: ImageFamily, repository: string): string[] {
  const own = family.repositories.find((r) => r === repository || (r.endsWith('/*') && repository.startsWith(r.slice(0, -1))));
  const rest = own?.endsWith('/*') ? repository.slice(own.length - 1) : repository.split('/').pop() ?? '';
  return [`repo:${rest}`, ...rest.split(/[-/]/).map((w) => `repo:${w}`)];
}

function cycleOf(family: ImageFamily, repository: string, tag: TagWords): ReleaseCycle | null {
  // Distroless and similar name the release line in the repository (`python3-debian12`).
  const byRepository = family.cycles.find((c) => repository.endsWith(`/${c.cycle}`));
  if (byRepository) return byRepository;
  if (family.kind === 'os' && tag.os?.cycle && tag.os.name === family.id) return tag.os.cycle;
  return tag.version === null ? null : findCycle(family.cycles, tag.version);
}

function osOf(family: ImageFamily, tag: TagWords, cycle: ReleaseCycle | null): ImageFacts['os'] {
  if (tag.os?.cycle) return { name: tag.os.name, cycle: tag.os.cycle };
  if (family.kind === 'os' && cycle && (family.id === 'debian' || family.id === 'ubuntu' || family.id === 'alpine')) return { name: family.id, cycle };
  return null;
}

/** Whether the runtime (or OS) line, or the OS the tag names, has ended on `today`. */
export function endOfLife(facts: ImageFacts, today: string): { what: string; cycle: ReleaseCycle }[] {
  const ended: { what: string; cycle: ReleaseCycle }[] = [];
  if (facts.cycle && hasEnded(facts.cycle, today)) ended.push({ what: releaseName(facts.family.title, facts.cycle), cycle: facts.cycle });
  if (facts.os && facts.os.cycle !== facts.cycle && hasEnded(facts.os.cycle, today)) {
    ended.push({ what: releaseName(OS_TITLES[facts.os.name], facts.os.cycle), cycle: facts.os.cycle });
  }
  return ended;
}

/** `Debian 10 (buster)`, `Node.js 16`. */
export function releaseName(title: string, cycle: ReleaseCycle): string {
  const codename = cycle.codenames?.[0];
  return `${title} ${cycle.cycle}${codename && !/^\d/.test(codename) ? ` (${codename})` : ''}`;
}

/** An alternative made concrete for one image: its reference, facts and what changes. */
export interface ConcreteAlternative {
  alternative: Alternative;
  image: string;
  /** The runtime line it brings, when it differs from the Dockerfile's (an ended line moved on). */
  movesTo: string | null;
  /** For a split: the line the build stage should use (the next supported one when its own has ended), else null. */
  buildOn: string | null;
}

/**
 * The family's alternatives that `keep` accepts, with their templates filled: `{v}` the version
 * as written (or, when its line has ended, the next supported line), `{c}` that line, `{v-}` and
 * `{-os}`/`{os-}` the version and the OS codename with a dash, or nothing when there is none (an
 * ended OS release is dropped rather than carried over).
 */
export function alternativesFor(facts: ImageFacts, today: string, keep: (a: Alternative) => boolean, platform: string | null = null): ConcreteAlternative[] {
  // `linux/arm/v7` → `arm`: an alternative not published for the stage's --platform is not offered.
  const arch = platform?.split('/')[1]?.toLowerCase() ?? null;
  const ended = facts.cycle !== null && hasEnded(facts.cycle, today);
  const target = ended && facts.cycle ? nextSupported(facts.family.cycles, facts.cycle, today) : facts.cycle;
  const version = ended ? (target?.cycle ?? null) : facts.tag.version;
  const osWord = facts.tag.os && facts.tag.os.name !== 'alpine' && !(facts.tag.os.cycle && hasEnded(facts.tag.os.cycle, today)) ? facts.tag.os.written : null;
  const out: ConcreteAlternative[] = [];
  for (const alternative of facts.family.alternatives) {
    // Never from an image that runs as non-root to one that runs as root.
    if (!keep(alternative) || (facts.facts.user.uid !== 0 && alternative.facts.user.uid === 0)) continue;
    if (arch && alternative.facts.architectures && !alternative.facts.architectures.includes(arch)) continue;
    if (alternative.from && !alternative.from.includes(facts.variant.name)) continue;
    if (alternative.cycles && (!target || !alternative.cycles.includes(target.cycle))) continue;
    if (ended && !target && /\{(?:v-?|c|name)\}/.test(alternative.image)) continue;
    const image = fill(alternative.image, version, target ?? null, osWord);
    const followsVersion = /\{(?:v-?|c|name)\}/.test(alternative.image);
    const brings = alternative.fixedVersion ?? (ended && followsVersion ? (target?.cycle ?? null) : null);
    const buildOn = alternative.split && ended ? (target?.cycle ?? null) : null;
    out.push({ alternative, image, movesTo: brings !== null && brings !== facts.cycle?.cycle ? brings : null, buildOn });
  }
  return out;
}

function fill(template: string, version: string | null, cycle: ReleaseCycle | null, os: string | null): string {
  return template
    .replace('{v-}', version ? `${version}-` : '')
    .replace('{v}', version ?? 'latest')
    .replace('{c}', cycle?.cycle ?? '')
    .replace('{name}', cycle?.codenames?.[0] ?? cycle?.cycle ?? 'stable')
    .replace('{-os}', os ? `-${os}` : '')
    .replace('{os-}', os ? `${os}-` : '')
    .replace(/:-|-$/g, (m) => (m === ':-' ? ':' : ''))
    .replace(/:$/, ':latest');
}

/** For tests and `check-catalogue`: every release table the catalogue holds. */
export function allReleaseTables(): { name: string; cycles: readonly ReleaseCycle[] }[] {
  return [
    ...(Object.keys(OS_RELEASES) as OsReleaseName[]).map((name) => ({ name: `os/${name}`, cycles: OS_RELEASES[name] })),
    ...FAMILIES.map((f) => ({ name: f.id, cycles: f.cycles })),
  ];
}

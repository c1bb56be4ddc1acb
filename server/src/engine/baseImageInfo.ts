import { parseDockerfileModel } from '../parse/dockerfileModel';
import { hasEnded } from './catalogue/imageTags';
import { alternativesFor, releaseName } from './catalogue/lookup';
import { OS_TITLES } from './catalogue/osReleases';
import { baseImageFacts } from './dockerfile/finalImage';
import { rangeContains, type Range } from './types';

/** What the catalogue knows about the image a FROM names, for the editor's hover. */
export interface BaseImageInfo {
  range: Range;
  image: string;
  family: string;
  variant: string;
  os: string;
  libc: string;
  user: string;
  nonRootUser: string | null;
  shell: boolean;
  packageManager: string | null;
  toolchain: boolean;
  sizeMB: number | null;
  /** `Python 3.12: supported until 2028-10-31`, `Debian 10 (buster): ended 2022-09-10`. */
  support: string[];
  deprecated: string | null;
  /** Smaller or shell-less alternatives, safest first: `python:3.12-slim (~125 MB, Debian, keeps a shell and apt)`. */
  alternatives: string[];
  source: string;
  checked: string;
}

/** The FROM image under `position` in a Dockerfile, described from the catalogue; null elsewhere. */
export function baseImageInfoAt(text: string, position: { line: number; character: number }, today: string): BaseImageInfo | null {
  const model = parseDockerfileModel(text);
  const stage = model.stages.find((s) => rangeContains(s.base.range, position));
  const facts = stage ? baseImageFacts(stage.base) : null;
  if (!stage || !facts) return null;
  const f = facts.facts;
  const support: string[] = [];
  const describe = (title: string, cycle: NonNullable<typeof facts.cycle>): string =>
    `${releaseName(title, cycle)}: ${hasEnded(cycle, today) ? `ended ${cycle.eol}` : cycle.eol ? `supported until ${cycle.eol}` : 'supported, no end date announced'}${cycle.extendedUntil ? ` (extended support until ${cycle.extendedUntil})` : ''}`;
  if (facts.cycle) support.push(describe(facts.family.title, facts.cycle));
  if (facts.os && facts.os.cycle !== facts.cycle) support.push(describe(OS_TITLES[facts.os.name], facts.os.cycle));
  const alternatives = alternativesFor(facts, today, (a) => (f.fullSize && !a.facts.fullSize) || (f.shell && !a.facts.shell)).map(
    (a) => `${a.image}${a.alternative.facts.sizeMB ? ` (~${a.alternative.facts.sizeMB} MB)` : ''}: ${a.alternative.summary}`,
  );
  return {
    range: stage.base.range,
    image: stage.base.resolved ?? stage.base.written,
    family: facts.family.title,
    variant: facts.variant.name,
    os: f.os,
    libc: f.libc,
    user: `${f.user.name} (UID ${f.user.uid})`,
    nonRootUser: f.nonRootUser ? `${f.nonRootUser.name} (UID ${f.nonRootUser.uid})` : null,
    shell: f.shell,
    packageManager: f.packageManager,
    toolchain: f.toolchain,
    sizeMB: f.sizeMB ?? null,
    support,
    deprecated: facts.family.deprecated ? `since ${facts.family.deprecated.since}: ${facts.family.deprecated.reason}; use ${facts.family.deprecated.replacement}` : null,
    alternatives,
    source: facts.variant.source,
    checked: facts.variant.checked,
  };
}

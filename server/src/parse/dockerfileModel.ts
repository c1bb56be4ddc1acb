import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import { ExpansionBudget, expandArgs } from './argExpansion';
import './memoizedArguments';
import { propertiesOf } from './properties';
import type { Range } from '../engine/types';
import { runScriptsOf, type RunScript, type RunScripts, type UnreadableRun } from './shell/runScripts';

export { ExpansionBudget, expandArgs };

/**
 * A Dockerfile as the rules see it: the `dockerfile-ast` tree plus the build stages with their
 * base images resolved through global `ARG` defaults, as BuildKit would resolve them.
 */
export interface DockerfileModel {
  ast: Dockerfile;
  /** Global ARGs (declared before the first FROM) and their default values, if any. */
  globalArgs: ReadonlyMap<string, string | undefined>;
  stages: Stage[];
  /** Every RUN whose shell is read, parsed once per RUN text and shared by every rule (on first call). */
  runs(): readonly RunScript[];
  /** RUNs the shell parser failed on, once `runs()` has been called (else none). */
  unreadableRuns(): readonly UnreadableRun[];
}

export interface Stage {
  index: number;
  from: From;
  /** The `AS name`, lower-cased as BuildKit compares it, or null. */
  name: string | null;
  base: BaseImage;
  /** Instructions of the stage after its FROM, in order. */
  instructions: Instruction[];
}

export interface BaseImage {
  /** The image text as written, e.g. `node:${TAG}`. */
  written: string;
  /** The text with ARG defaults substituted, or null when a variable has no known value. */
  resolved: string | null;
  /** The range of the written image reference. */
  range: Range;
  /** A previous stage this FROM builds on, when it names one. */
  stage: Stage | null;
  /** Parsed reference of `resolved` (null when unresolved, a stage or `scratch`). */
  reference: ImageReference | null;
  /**
   * `--platform` with global ARG defaults substituted: `linux/arm64`; null when absent, and
   * `unknown` when it names a value only known at build time (`$BUILDPLATFORM`).
   */
  platform: string | null;
}

export interface ImageReference {
  /** Registry host, when one is written (`ghcr.io`), else null (Docker Hub). */
  registry: string | null;
  /** Repository path without registry, e.g. `library/node` is written `node`. */
  repository: string;
  tag: string | null;
  digest: string | null;
}

export function parseDockerfileModel(text: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const globalArgs = new Map<string, string | undefined>();
  // One budget for the whole file: however the ARGs refer to each other, expanding them is bounded.
  const budget = new ExpansionBudget();
  for (const arg of ast.getInitialARGs()) {
    // getProperty() is null for `ARG A=1 B=2`; every property declares an ARG.
    for (const property of propertiesOf(arg)) {
      const value = property.getValue();
      // BuildKit expands a default through the ARGs declared before it (`ARG IMAGE=node:${V}`);
      // one that needs an unknown value is itself unknown.
      globalArgs.set(property.getName(), value === null ? undefined : (expandArgs(value, globalArgs, budget) ?? undefined));
    }
  }
  const froms = ast.getFROMs();
  const all = ast.getInstructions();
  const stages: Stage[] = [];
  froms.forEach((from, index) => {
    const startLine = from.getRange().start.line;
    const nextFrom = froms[index + 1];
    const endLine = nextFrom ? nextFrom.getRange().start.line : Number.POSITIVE_INFINITY;
    const instructions = all.filter((i) => {
      const line = i.getRange().start.line;
      return line > startLine && line < endLine;
    });
    const stageName = from.getBuildStage();
    stages.push({
      index,
      from,
      name: stageName ? stageName.toLowerCase() : null,
      base: resolveBase(from, globalArgs, stages),
      instructions,
    });
  });
  let runs: RunScripts | undefined;
  return { ast, globalArgs, stages, runs: () => (runs ??= runScriptsOf(text, ast, stages)).scripts, unreadableRuns: () => runs?.unreadable ?? [] };
}

function resolveBase(from: From, globalArgs: ReadonlyMap<string, string | undefined>, earlier: Stage[]): BaseImage {
  const written = from.getImage() ?? '';
  const range = from.getImageRange() ?? from.getRange();
  const resolved = expandArgs(written, globalArgs);
  const stage = resolved === null ? null : (earlier.find((s) => s.name !== null && s.name === resolved.toLowerCase()) ?? null);
  const reference = resolved === null || stage || resolved.toLowerCase() === 'scratch' ? null : parseImageReference(resolved);
  const flag = from.getPlatformFlag()?.getValue() ?? null;
  const platform = flag === null ? null : (expandArgs(flag, globalArgs) ?? 'unknown');
  return { written, resolved, range, stage, reference, platform };
}

/** Splits `registry/repo:tag@digest` the way the Docker reference grammar does. */
export function parseImageReference(image: string): ImageReference | null {
  if (image === '' || /\s/.test(image)) return null;
  let rest = image;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  if (rest === '') return null;
  return { registry, repository: rest, tag: tag === '' ? null : tag, digest: digest === '' ? null : digest };
}

/** The stage whose image is the build's output (the last one). */
export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}

import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import './memoizedArguments';
import type { Range } from '../engine/types';
import { runScriptsOf, type RunScript } from './shell/runScripts';

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
  for (const arg of ast.getInitialARGs()) {
    // getProperty() is null for `ARG A=1 B=2`; every property declares an ARG.
    for (const property of arg.getProperties()) {
      const value = property.getValue();
      // BuildKit expands a default through the ARGs declared before it (`ARG IMAGE=node:${V}`);
      // one that needs an unknown value is itself unknown.
      globalArgs.set(property.getName(), value === null ? undefined : (expandArgs(value, globalArgs) ?? undefined));
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
  let runs: RunScript[] | undefined;
  return { ast, globalArgs, stages, runs: () => (runs ??= runScriptsOf(text, ast, stages)) };
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

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}` and
 * `${VAR+alt}` from the global ARG defaults. Returns null when a variable has no value to use,
 * and for forms it does not model (nested `${A:-${B}}`, `${VAR#prefix}`, `${VAR/a/b}`), whose
 * value is unknown rather than the unexpanded text.
 */
export function expandArgs(text: string, args: ReadonlyMap<string, string | undefined>): string | null {
  if (/\$\{(?![A-Za-z_][A-Za-z0-9_]*(?::?[-+][^}$]*)?\})/.test(text)) return null;
  let unresolved = false;
  const out = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare) as string;
      const declared = args.has(name);
      const value = args.get(name);
      const isSet = declared && value !== undefined;
      const isNonEmpty = isSet && value !== '';
      switch (op) {
        case ':-':
          return isNonEmpty ? (value as string) : (word ?? '');
        case '-':
          return isSet ? (value as string) : (word ?? '');
        case ':+':
          return isNonEmpty ? (word ?? '') : '';
        case '+':
          return isSet ? (word ?? '') : '';
        default:
          if (!isSet) unresolved = true;
          return value ?? '';
      }
    },
  );
  return unresolved ? null : out;
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

import * as path from 'path';

/** A set of `ignorePaths` globs and the folder they are relative to. */
export interface IgnoreGlobs {
  /** Folder the globs are relative to; null matches them against the absolute path. */
  base: string | null;
  globs: readonly string[];
}

type Matcher = (p: string) => boolean;
const matchers = new Map<string, Matcher>();
type Picomatch = typeof import('picomatch');
let picomatch: Picomatch | undefined;

/**
 * Whether `filePath` is ignored. Globs follow `.gitignore` habits: one with a `/` is matched
 * against the path relative to its base folder (or a folder on that path: `vendor/**` and
 * `charts/legacy` both work); one without (`*.generated.yaml`, `testdata`) matches a file or
 * folder name at any depth. Files outside the base folder are never matched.
 */
export function isIgnored(filePath: string, sets: readonly IgnoreGlobs[]): boolean {
  for (const { base, globs } of sets) {
    if (globs.length === 0) continue;
    const relative = base ? path.relative(base, filePath) : filePath;
    if (base && (relative.startsWith('..') || path.isAbsolute(relative))) continue;
    const segments = relative.split(path.sep).filter((s) => s !== '');
    const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
    for (const glob of globs) {
      const clean = glob.replace(/^\.\//, '').replace(/\/$/, '');
      const match = matcherOf(clean);
      const candidates = clean.includes('/') ? prefixes : segments;
      if (candidates.some((c) => match(c))) return true;
    }
  }
  return false;
}

function matcherOf(glob: string): Matcher {
  let m = matchers.get(glob);
  if (!m) {
    // Loaded on first use: most workspaces set no ignorePaths.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    picomatch ??= require('picomatch') as Picomatch;
    m = picomatch(glob, { dot: true });
    matchers.set(glob, m);
  }
  return m;
}

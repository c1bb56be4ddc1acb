import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCorpus, type Corpus } from './corpus';
import { generate } from './generators';
import { FILE_NAMES, FUZZ_KINDS, type FuzzKind } from './kinds';
import { mutate } from './mutate';
import { checkProperties, type CheckOptions, type Failure } from './properties';
import { Random } from './random';
import { shrink } from './shrink';
import { FIXTURES } from '../support/paths';

/** Where shrunk failing inputs are kept: one folder per case, replayed by the fuzz test. */
export const REGRESSION_DIR = path.join(FIXTURES, 'fuzz');

export interface FuzzOptions extends CheckOptions {
  seed: number;
  /** Inputs per kind. */
  n: number;
  /** Run only this case of each kind (the replay `--case` a saved failure names). */
  only?: number;
  kinds: readonly FuzzKind[];
  /** Save shrunk failures as regression fixtures. */
  save: boolean;
  /** Stop a kind after this many failures (each is shrunk, which costs). */
  maxFailures: number;
  log(line: string): void;
}

export interface KindResult {
  kind: FuzzKind;
  inputs: number;
  generated: number;
  counts: Record<Failure['property'], number>;
  slowestMs: number;
  failures: { caseIndex: number; failure: Failure; shrunk: string; saved: string | null }[];
}

/** The random source of one case: any case can be replayed alone from its seed, kind and index. */
export function caseRandom(seed: number, kind: FuzzKind, index: number): Random {
  return new Random((seed * 1_000_003 + FUZZ_KINDS.indexOf(kind) * 7_919_993 + index * 2_654_435_761) >>> 0);
}

/** The input of one case: a grammar-built file (a third of the time) or a mutated seed. */
export function caseInput(corpus: Corpus, kind: FuzzKind, r: Random): { text: string; generated: boolean } {
  if (r.chance(1 / 3) || corpus[kind].length === 0) return { text: generate(kind, r), generated: true };
  const seed = r.chance(0.25) ? generate(kind, r) : r.pick(corpus[kind]);
  return { text: mutate(seed, r, kind, corpus[kind]), generated: false };
}

export function runFuzz(options: FuzzOptions): KindResult[] {
  const corpus = loadCorpus();
  return options.kinds.map((kind) => fuzzKind(kind, corpus, options));
}

function fuzzKind(kind: FuzzKind, corpus: Corpus, options: FuzzOptions): KindResult {
  const result: KindResult = { kind, inputs: 0, generated: 0, counts: { throws: 0, timeout: 0, fault: 0, range: 0, 'fix-overlap': 0, 'fix-outside': 0, 'fix-throws': 0, 'fix-breaks-file': 0, suppression: 0 }, slowestMs: 0, failures: [] };
  const started = Date.now();
  const first = options.only ?? 0;
  for (let i = first; i < (options.only === undefined ? options.n : first + 1); i++) {
    const r = caseRandom(options.seed, kind, i);
    const input = caseInput(corpus, kind, r);
    const t0 = performance.now();
    const failure = checkProperties(kind, input.text, options, (n) => r.int(n));
    result.slowestMs = Math.max(result.slowestMs, performance.now() - t0);
    result.inputs++;
    if (input.generated) result.generated++;
    if (failure) {
      result.counts[failure.property]++;
      if (result.failures.length < options.maxFailures) {
        const shrunk = failure.property === 'timeout' ? input.text : shrinkFailure(kind, input.text, failure, options);
        const saved = options.save ? saveRegression(kind, shrunk, failure, `--seed ${options.seed} --kind ${kind} --case ${i}`) : null;
        result.failures.push({ caseIndex: i, failure, shrunk, saved });
        options.log(`${kind} case ${i}: ${failure.property}: ${failure.detail.split('\n')[0]}${saved ? ` (saved ${path.relative(process.cwd(), saved)})` : ''}`);
      }
    }
    if ((i + 1) % 5_000 === 0) options.log(`${kind}: ${i + 1} inputs, ${failuresOf(result)} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return result;
}

export function failuresOf(result: KindResult): number {
  return Object.values(result.counts).reduce((a, b) => a + b, 0);
}

function shrinkFailure(kind: FuzzKind, text: string, failure: Failure, options: CheckOptions): string {
  // The same property must fail; the shrinker's own random picks stay fixed for repeatability.
  return shrink(text, (candidate) => checkProperties(kind, candidate, { ...options, suppressions: 8 }, () => 0)?.property === failure.property);
}

export function saveRegression(kind: FuzzKind, text: string, failure: Failure, replay: string): string {
  const id = createHash('sha256').update(text).digest('hex').slice(0, 10);
  const dir = path.join(REGRESSION_DIR, `${kind}-${id}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, FILE_NAMES[kind]), text);
  fs.writeFileSync(path.join(dir, 'FAILED.md'), `Found by \`npm run fuzz -- ${replay}\`: ${failure.property}\n\n${failure.detail}\n`);
  return path.join(dir, FILE_NAMES[kind]);
}

/** The saved regression cases: kind, file and text. */
export function regressionCases(): { kind: FuzzKind; file: string; text: string }[] {
  if (!fs.existsSync(REGRESSION_DIR)) return [];
  return fs
    .readdirSync(REGRESSION_DIR)
    .sort()
    .flatMap((dir) => {
      const kind = FUZZ_KINDS.find((k) => dir.startsWith(`${k}-`));
      if (!kind) return [];
      const file = path.join(REGRESSION_DIR, dir, FILE_NAMES[kind]);
      return fs.existsSync(file) ? [{ kind, file, text: fs.readFileSync(file, 'utf8') }] : [];
    });
}

import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';
import { LintCache, RULES, defaultConfig, lint } from '../../server/src/engine';
import { lookUpImage, lookUpImageUncached } from '../../server/src/engine/catalogue/lookup';
import { parseDockerfileModel } from '../../server/src/parse/dockerfileModel';
import { keystroke, type BenchInput } from './inputs';
import { timeRuns } from './stats';

export interface EngineTimes {
  /** `lint()` of the whole file, no cache: what the CLI pays per file. */
  full: number[];
  /** The parser alone over the whole file: dockerfile-ast, or yaml's parseAllDocuments. */
  parse: number[];
  /**
   * `lint()` of the whole file with every RUN's shell parse missing from the cache (each run pads
   * the RUNs differently): what opening a file costs, and the CLI per file.
   */
  fullUncached: number[];
  /** `lint()` after a one-character edit with the document's LintCache warm: what a keystroke costs. */
  keystroke: number[];
  findings: number;
}

/** Applies the benchmark keystroke to `text` the way the editor would. */
export function typed(text: string, input: BenchInput, iteration: number): string {
  const { range, text: inserted } = keystroke(input, iteration);
  let offset = 0;
  for (let line = 0; line < range.start.line; line++) offset = text.indexOf('\n', offset) + 1;
  const start = offset + range.start.character;
  const end = offset + range.end.character;
  return text.slice(0, start) + inserted + text.slice(end);
}

export function engineTimes(input: BenchInput, runs: number): EngineTimes {
  const { fileName, text } = input;
  const full = timeRuns(runs, () => lint({ fileName, text }));
  // One padding per call, warm-up calls included (timeRuns numbers them on from the warm-up's).
  const padded = Array.from({ length: runs * 2 + 3 }, (_, i) => text.replace(/^RUN /gm, `RUN ${' '.repeat(i + 1)}`));
  const fullUncached = timeRuns(runs, (i) => lint({ fileName, text: padded[i] ?? text }));
  const parse =
    input.languageId === 'dockerfile'
      ? timeRuns(runs, () => DockerfileParser.parse(text))
      : timeRuns(runs, () => parseAllDocuments(text));
  const cache = new LintCache();
  let current = text;
  lint({ fileName, text: current, cache });
  const keystrokeTimes = timeRuns(runs * 4, (i) => {
    current = typed(current, input, i);
    lint({ fileName, text: current, cache });
  });
  return { full, fullUncached, parse, keystroke: keystrokeTimes, findings: lint({ fileName, text }).findings.length };
}

export interface CatalogueTimes {
  froms: number;
  /** Every FROM of the file looked up without the memo (a FROM never seen before). */
  cold: number[];
  /** The same through the memo: what each rule's look-up costs on a keystroke. */
  warm: number[];
  /** lint() with and without the rules that read the catalogue. */
  lintWith: number[];
  lintWithout: number[];
}

const CATALOGUE_RULES = RULES.filter((r) => r.meta.category === 'minimal-image' || ['base-image-end-of-life', 'deprecated-base-image', 'final-user-not-numeric'].includes(r.meta.id)).map((r) => r.meta.id);

export function catalogueTimes(input: BenchInput, runs: number): CatalogueTimes {
  const { fileName, text } = input;
  const refs = parseDockerfileModel(text).stages.flatMap((s) => (s.base.reference ? [s.base.reference] : []));
  const off = { ...defaultConfig(), profile: 'all' as const, rules: Object.fromEntries(CATALOGUE_RULES.map((id) => [id, 'off' as const])) };
  const on = { ...defaultConfig(), profile: 'all' as const };
  return {
    froms: refs.length,
    cold: timeRuns(runs * 20, () => refs.forEach((r) => lookUpImageUncached(r))),
    warm: timeRuns(runs * 20, () => refs.forEach((r) => lookUpImage(r))),
    lintWith: timeRuns(runs, () => lint({ fileName, text, config: on })),
    lintWithout: timeRuns(runs, () => lint({ fileName, text, config: off })),
  };
}

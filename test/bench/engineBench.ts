import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';
import { LintCache, lint } from '../../server/src/engine';
import { keystroke, type BenchInput } from './inputs';
import { timeRuns } from './stats';

export interface EngineTimes {
  /** `lint()` of the whole file, no cache: what the CLI pays per file. */
  full: number[];
  /** The parser alone over the whole file: dockerfile-ast, or yaml's parseAllDocuments. */
  parse: number[];
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
  return { full, parse, keystroke: keystrokeTimes, findings: lint({ fileName, text }).findings.length };
}

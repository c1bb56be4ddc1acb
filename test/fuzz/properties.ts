import { IgnoreEdits, OverlappingEditsError, applyEdits, combinedFixEdits, fixAll, lint, type Finding, type LintOutput, type Range, type TextEdit } from '../../server/src/engine';
import { FILE_NAMES, type FuzzKind } from './kinds';

/** What went wrong on one input; null when every property holds. */
export interface Failure {
  property: 'throws' | 'timeout' | 'fault' | 'range' | 'fix-overlap' | 'fix-outside' | 'fix-throws' | 'fix-breaks-file' | 'suppression';
  detail: string;
}

export interface CheckOptions {
  /** Longest one lint may take, in ms (the machine is shared: generous). */
  timeoutMs: number;
  /** How many findings per input get their "Ignore here" action tried. */
  suppressions: number;
}

const ENGINE_IDS = new Set(['invalid-file', 'invalid-config']);

/**
 * The properties the engine keeps on any text: lint does not throw nor fail inside (no `fault`),
 * returns in bounded time, reports ranges inside the text; fix-all's edits never overlap, change
 * nothing outside their ranges, and leave a file of the same kind that still parses; "Ignore
 * <rule> here" silences the finding it was offered on.
 */
export function checkProperties(kind: FuzzKind, text: string, options: CheckOptions, pick: (n: number) => number): Failure | null {
  const fileName = FILE_NAMES[kind];
  const lintText = (t: string): LintOutput => lint({ fileName, text: t, today: '2026-01-01' });
  let output: LintOutput;
  const started = performance.now();
  try {
    output = lintText(text);
  } catch (e) {
    return { property: 'throws', detail: describe(e) };
  }
  let took = performance.now() - started;
  if (took > options.timeoutMs) {
    // A slow moment of a loaded machine passes; an input that is slow to lint is slow twice.
    const again = performance.now();
    lintText(text);
    took = Math.min(took, performance.now() - again);
  }
  if (took > options.timeoutMs) return { property: 'timeout', detail: `lint took ${took.toFixed(0)} ms (twice)` };
  const fault = output.findings.find((f) => f.fault);
  if (fault) return { property: 'fault', detail: fault.fault as string };
  const badRange = output.findings.map((f) => rangeProblem(text, f)).find((p) => p !== null);
  if (badRange) return { property: 'range', detail: badRange };
  return fixProblem(text, output, lintText) ?? suppressionProblem(kind, text, output.findings, lintText, options.suppressions, pick);
}

function fixProblem(text: string, before: LintOutput, lintText: (t: string) => LintOutput): Failure | null {
  const edits = combinedFixEdits(before.findings);
  if (edits.length === 0) return null;
  let once: string;
  try {
    once = applyEdits(text, edits);
  } catch (e) {
    return { property: e instanceof OverlappingEditsError ? 'fix-overlap' : 'fix-throws', detail: describe(e) };
  }
  const outside = unchangedOutside(text, edits, once);
  if (outside) return { property: 'fix-outside', detail: outside };
  let fixed: string;
  try {
    fixed = fixAll(text, (t) => lintText(t).findings).text;
  } catch (e) {
    return { property: 'fix-throws', detail: describe(e) };
  }
  const after = lintText(fixed);
  if (after.kind !== before.kind) return { property: 'fix-breaks-file', detail: `the file was ${before.kind}, after fix-all ${after.kind}` };
  const broken = new Set(after.findings.filter((f) => f.ruleId === 'invalid-file').map((f) => f.message));
  for (const f of before.findings) if (f.ruleId === 'invalid-file') broken.delete(f.message);
  if (broken.size > 0) return { property: 'fix-breaks-file', detail: `after fix-all: ${[...broken].join('; ')}` };
  return null;
}

/**
 * Rebuilds the fixed text from the original outside the edits and the edits' new text inside,
 * independently of `applyEdits`, and says where the two differ.
 */
function unchangedOutside(text: string, edits: readonly TextEdit[], fixed: string): string | null {
  const starts = lineStarts(text);
  const offset = (p: Range['start']): number => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const spans = edits.map((e, i) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let at = 0;
  let rebuilt = '';
  for (const s of spans) {
    rebuilt += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  rebuilt += text.slice(at);
  if (rebuilt === fixed) return null;
  let i = 0;
  while (i < rebuilt.length && rebuilt[i] === fixed[i]) i++;
  return `fixed text differs from the edits applied at offset ${i}: ${JSON.stringify(fixed.slice(i, i + 40))} vs ${JSON.stringify(rebuilt.slice(i, i + 40))}`;
}

function suppressionProblem(kind: FuzzKind, text: string, findings: readonly Finding[], lintText: (t: string) => LintOutput, tries: number, pick: (n: number) => number): Failure | null {
  const candidates = findings.filter((f) => !ENGINE_IDS.has(f.ruleId));
  for (let i = 0; i < Math.min(tries, candidates.length); i++) {
    const target = candidates[pick(candidates.length)] as Finding;
    const edit = new IgnoreEdits(text, kind === 'dockerfile').here(target.range.start.line, target.ruleId);
    const shift = edit.range.start.line === edit.range.end.line && edit.range.start.character === edit.range.end.character && /\n$/.test(edit.newText) ? 1 : 0;
    const after = lintText(applyEdits(text, [edit])).findings;
    const still = after.find((f) => f.ruleId === target.ruleId && f.message === target.message && f.range.start.line === target.range.start.line + shift && f.range.start.character === target.range.start.character);
    if (still) return { property: 'suppression', detail: `"Ignore ${target.ruleId} here" on line ${target.range.start.line + 1} left it reported` };
  }
  return null;
}

/** A range is inside the text when both ends are real positions and start ≤ end. */
function rangeProblem(text: string, f: Finding): string | null {
  const starts = lineStarts(text);
  const ranges: Range[] = [f.range, ...(f.fix?.edits ?? []).map((e) => e.range), ...(f.suggestions ?? []).flatMap((s) => s.edits.map((e) => e.range))];
  for (const r of ranges) {
    for (const p of [r.start, r.end]) {
      const start = starts[p.line];
      if (start === undefined || !Number.isInteger(p.character) || p.character < 0) return `${f.ruleId}: position ${JSON.stringify(p)} is not in the text`;
      const next = starts[p.line + 1];
      const end = next === undefined ? text.length : next - (text.startsWith('\r\n', next - 2) ? 2 : 1);
      if (start + p.character > end) return `${f.ruleId}: position ${JSON.stringify(p)} is past the end of its line`;
    }
    if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `${f.ruleId}: range ends before it starts ${JSON.stringify(r)}`;
  }
  return null;
}

/** Where each line starts, lines ending at \n, \r\n or \r as LSP counts them (written apart from the engine's LineIndex). */
function lineStarts(text: string): number[] {
  const starts = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);
}

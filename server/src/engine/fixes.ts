import { LineIndex } from '../parse/lineIndex';
import { comparePositions, type Finding, type TextEdit } from './types';

export class OverlappingEditsError extends Error {}

/**
 * Applies edits to `text` in one pass. Edits must not overlap (inserts at the same point are
 * applied in the order given); an overlap throws and nothing is applied.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e, order) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1]!;
    const cur = spans[i]!;
    if (cur.start < prev.end) throw new OverlappingEditsError(`edits overlap at offset ${cur.start}`);
  }
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * The edits of every fixable finding that can be applied together: a fix whose edits overlap an
 * earlier chosen fix is left for the next round (the caller re-lints and asks again).
 */
export function combinedFixEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.fix) continue;
    const key = JSON.stringify(f.fix.edits);
    if (seen.has(key)) continue;
    const clashes = f.fix.edits.some((e) => chosen.some((c) => overlaps(c, e)));
    if (clashes) continue;
    seen.add(key);
    chosen.push(...f.fix.edits);
  }
  return chosen;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two inserts at one point clash: two fixes adding the same missing block would write it twice,
  // so the second waits for the next round, when it sees the first one's result. Ranges that
  // merely touch do not clash.
  const aEmpty = comparePositions(a.range.start, a.range.end) === 0;
  const bEmpty = comparePositions(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return comparePositions(a.range.start, b.range.start) === 0;
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
}

/**
 * Applies all fixes, re-linting between rounds so fixes that touched the same place still land.
 * Stops after `maxRounds` or when nothing changes.
 */
export function fixAll(text: string, lintText: (text: string) => readonly Finding[], maxRounds = 5): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let round = 0; round < maxRounds; round++) {
    const findings = lintText(current).filter((f) => f.fix);
    const edits = combinedFixEdits(findings);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    const chosen = new Set(edits);
    applied += findings.filter((f) => f.fix?.edits.every((e) => chosen.has(e))).length;
    current = next;
  }
  return { text: current, applied };
}

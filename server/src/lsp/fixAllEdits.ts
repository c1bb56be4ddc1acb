import type { Finding, TextEdit } from '../engine';
import { engine } from './engine';
import { LineIndex } from '../parse/lineIndex';

/**
 * The edits of fix-all for `text`, whose findings are already known. When one round of fixes is
 * enough (the usual case) these are the fixes' own edits, so the editor moves only what they
 * touch; when fixes had to wait for a re-lint, one edit replaces the span between the first and
 * the last changed character. An empty list means nothing to fix.
 */
export function fixAllEdits(text: string, findings: readonly Finding[], lintText: (text: string) => Finding[]): TextEdit[] {
  const { applyEdits, combinedFixEdits, fixAll } = engine();
  const firstRound = combinedFixEdits(findings);
  if (firstRound.length === 0) return [];
  const afterFirst = applyEdits(text, firstRound);
  let rounds = 0;
  const fixed = fixAll(text, (t) => (rounds++ === 0 && t === text ? findings : lintText(t))).text;
  if (fixed === text) return [];
  return fixed === afterFirst ? firstRound : [spanEdit(text, fixed)];
}

/** One edit that turns `before` into `after`, replacing only what differs between them. */
export function spanEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a CRLF or a surrogate pair between kept and replaced text.
  while (start > 0 && isSecondHalf(before, start)) start--;
  while (end > 0 && isSecondHalf(before, before.length - end)) end--;
  const lines = new LineIndex(before);
  return { range: lines.range(start, before.length - end), newText: after.slice(start, after.length - end) };
}

function isSecondHalf(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  const prev = text.charCodeAt(offset - 1);
  return (c === 10 && prev === 13) || (c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff);
}

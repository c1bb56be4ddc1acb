import type { LineIndex } from '../parse/lineIndex';
import type { Finding, Range, TextEdit } from './types';

/**
 * Inline suppressions. Matching is by rule id (or the hadolint code a rule carries), never by
 * message text:
 *   # seaworthy-ignore rule-a,rule-b -- why          the next instruction / YAML node
 *   # seaworthy-ignore-file rule-a                     the whole file
 *   # hadolint ignore=DL3006,DL3007 # why              the next instruction (hadolint's own)
 *   # hadolint global ignore=DL3006                    the whole file
 */
export interface SuppressionRegion {
  /** Rule ids and hadolint codes this region silences. */
  ids: Set<string>;
  startLine: number;
  endLine: number;
}

// Each pragma is its head (matched by a regex) and a list read by hand up to `--` (ours) or `#`
// (hadolint's): the one-regex forms took time quadratic in a long line of blanks (`recheck`).
const LINE_PRAGMA = pragma(/^\s*#\s*seaworthy-ignore\s+/, '--', /^[^\s-]/);
const FILE_PRAGMA = pragma(/^\s*#\s*seaworthy-ignore-file\s+/, '--', /^[^\s-]/);
const HADOLINT_LINE = pragma(/^\s*#\s*hadolint\s+ignore\s*=/, '#', /^[A-Za-z0-9,\s]+$/);
const HADOLINT_GLOBAL = pragma(/^\s*#\s*hadolint\s+global\s+ignore\s*=/, '#', /^[A-Za-z0-9,\s]+$/);

/** `exec(line)` gives `[line, list]` when the line is the pragma, the list cut at `end` and trimmed. */
function pragma(head: RegExp, end: string, list: RegExp): { exec(line: string): [string, string] | null } {
  return {
    exec(line) {
      const m = head.exec(line);
      if (!m) return null;
      const rest = line.slice(m[0].length);
      const cut = rest.indexOf(end);
      const ids = (cut === -1 ? rest : rest.slice(0, cut)).trim();
      return ids !== '' && list.test(ids) ? [line, ids] : null;
    },
  };
}

/** `a,b`, `a, b` and `a b` all name a and b (the light bulb adds `,id` after the first word). */
function idsOf(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Ids silenced for the whole file. Cheap on the hot path: most files hold no pragma at all. */
export function fileSuppressions(text: string): Set<string> {
  const ids = new Set<string>();
  if (!text.includes('seaworthy-ignore-file') && !text.includes('global ignore')) return ids;
  for (const line of text.split('\n')) {
    const m = FILE_PRAGMA.exec(line) ?? HADOLINT_GLOBAL.exec(line);
    if (m?.[1]) for (const id of idsOf(m[1])) ids.add(id);
  }
  return ids;
}

/**
 * Regions silenced by a pragma on the line above them. `extentOf(line)` gives the last line of
 * the construct that starts at `line` (an instruction with its continuations, or a YAML node).
 */
export function lineSuppressions(lines: LineIndex, extentOf: (line: number) => number, loneCrJoins = false): SuppressionRegion[] {
  const regions: SuppressionRegion[] = [];
  if (!lines.text.includes('seaworthy-ignore') && !lines.text.includes('hadolint')) return regions;
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    const m = LINE_PRAGMA.exec(text) ?? HADOLINT_LINE.exec(text);
    if (!m?.[1]) continue;
    let target = line + 1;
    while (target < lines.lineCount && isCommentOrBlank(lines.lineText(target))) target++;
    if (target >= lines.lineCount) continue;
    // In YAML a blank line that ends in a lone \r is the start of the target's own line.
    let start = target;
    while (loneCrJoins && start > line + 1 && lines.text[lines.lineStart(start) - 1] === '\r') start--;
    regions.push({ ids: new Set(idsOf(m[1])), startLine: start, endLine: extentOf(target) });
  }
  return regions;
}

/**
 * Blank as the parsers see it: spaces and tabs only (dockerfile-ast and YAML take a no-break
 * space, which `\s` matches, as content: a pragma above one must reach it).
 */
function isCommentOrBlank(line: string): boolean {
  return /^[ \t\r]*(?:#.*)?$/.test(line);
}

/** The regions of the pragmas in a YAML document: each reaches the node below it. */
export function yamlLineSuppressions(lines: LineIndex): SuppressionRegion[] {
  return lineSuppressions(lines, (line) => yamlNodeExtent(lines, line), true);
}

/** The last line of the YAML node that starts on `line`: the lines indented deeper than it. */
export function yamlNodeExtent(lines: LineIndex, line: number): number {
  const head = lines.lineText(line);
  const indent = indentOf(head);
  const opensBlock = /:\s*(?:#|$)/.test(head);
  let last = line;
  for (let next = line + 1; next < lines.lineCount; next++) {
    // After a lone \r the editor starts a line and the YAML parser does not: still the same YAML line.
    if (lines.text[lines.lineStart(next) - 1] === '\r') {
      last = next;
      continue;
    }
    const text = lines.lineText(next);
    if (isCommentOrBlank(text)) continue;
    const nextIndent = indentOf(text);
    const compactSequenceItem = opensBlock && nextIndent === indent && /^\s*-(?:\s|$)/.test(text);
    if (nextIndent <= indent && !compactSequenceItem) break;
    last = next;
  }
  return last;
}

export function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

export function isSuppressed(finding: Pick<Finding, 'ruleId' | 'range'>, regions: readonly SuppressionRegion[], fileIds: ReadonlySet<string>, hadolintCodes: readonly string[]): boolean {
  const matches = (ids: ReadonlySet<string>): boolean => ids.has(finding.ruleId) || hadolintCodes.some((c) => ids.has(c));
  if (matches(fileIds)) return true;
  const line = finding.range.start.line;
  return regions.some((r) => line >= r.startLine && line <= r.endLine && matches(r.ids));
}

/**
 * The edit behind "ignore this rule here": a pragma on its own line above `line` (the first line
 * of the instruction or node), indented like it; an existing pragma there gains the id instead.
 */
export function ignoreRuleEdit(lines: LineIndex, line: number, ruleId: string): TextEdit {
  const above = line > 0 ? lines.lineText(line - 1) : '';
  const existing = /^(\s*#\s*seaworthy-ignore\s+)([^\s-][^\s]*?)(\s.*)?$/.exec(above);
  if (existing && existing[1] !== undefined && existing[2] !== undefined) {
    // The list ends where the reason starts (`--`), as the pragma is read.
    const dash = existing[2].indexOf('--');
    const list = dash === -1 ? existing[2] : existing[2].slice(0, dash);
    const ids = idsOf(list);
    const start = { line: line - 1, character: existing[1].length };
    const range: Range = { start, end: { line: line - 1, character: existing[1].length + list.length } };
    return { range, newText: ids.includes(ruleId) ? list : `${list},${ruleId}` };
  }
  const indent = /^[ \t]*/.exec(lines.lineText(line))?.[0] ?? '';
  const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# seaworthy-ignore ${ruleId}${eol}` };
}

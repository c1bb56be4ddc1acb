import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import type { YamlDocumentContext } from '../rule';
import type { TextEdit } from '../types';
import { editableMap, editablePair } from './mergedNodes';

/** The indentation step used when the file gives no clue (no nested block map anywhere). */
const DEFAULT_STEP = 2;

/** Offsets → edits over one document chunk, with the file's own line ending and indentation. */
export class SourceEditor {
  private readonly text: string;
  private readonly eol: string;

  constructor(private readonly context: YamlDocumentContext) {
    this.text = context.text;
    this.eol = context.text.includes('\r\n') ? '\r\n' : '\n';
  }

  edit(start: number, end: number, newText: string): TextEdit {
    return { range: this.context.lines.range(start, end), newText };
  }

  column(offset: number): number {
    return this.context.lines.position(offset).character;
  }

  /** The column of the key starting at `offset`, counting the node properties and `?` before it on its line. */
  keyColumn(offset: number): number {
    const { lines } = this.context;
    const lineStart = lines.lineStart(lines.position(offset).line);
    let at = offset - lineStart;
    for (;;) {
      let end = at;
      while (end > 0 && (this.text[lineStart + end - 1] === ' ' || this.text[lineStart + end - 1] === '\t')) end--;
      let word = end;
      while (word > 0 && !/\s/.test(this.text[lineStart + word - 1] as string)) word--;
      const head = this.text[lineStart + word];
      if (word === end || !(head === '!' || head === '&' || (head === '?' && end - word === 1))) return at;
      at = word;
    }
  }

  /** Replaces a pair's value with `value`, keeping its key, anchor and any trailing comment. */
  replaceValue(pair: Pair, value: string): TextEdit[] {
    const { isCollection, isScalar } = yamlLibrary();
    if (!editablePair(pair)) return [];
    const node = pair.value as YamlNode | null;
    const keyEnd = (pair.key as YamlNode | null)?.range?.[1];
    if (!node?.range) {
      // `? key` with no value at all: write one after the key.
      return keyEnd === undefined ? [] : [this.edit(keyEnd, keyEnd, `: ${value}`)];
    }
    const [start] = node.range;
    if (isCollection(node) && !node.flow) {
      // A block map or list where a scalar belongs: replace everything after the colon.
      const colon = keyEnd === undefined ? -1 : this.text.indexOf(':', keyEnd);
      return colon === -1 ? [] : [this.edit(colon + 1, contentEnd(node, this.text), ` ${value}`)];
    }
    const end = contentEnd(node, this.text);
    if (start === end) return [this.edit(start, start, ` ${value}`)];
    if (isScalar(node) && node.tag !== undefined) {
      // `!!str true` would stay a string after a value-only edit; drop the tag, keep an anchor.
      const lineStart = this.context.lines.lineStart(this.context.lines.position(start).line);
      const props = tagBefore(this.text.slice(lineStart, start));
      if (props) return [this.edit(start - props.length, end, `${props.anchor}${value}`)];
    }
    return [this.edit(start, end, value)];
  }

  /**
   * Adds new lines after the last pair of a block map, at the indentation of its keys: where the
   * map's first written key starts (the map's own start: after `<<` merges are resolved the first
   * pair may be a copy whose range is the alias or merge source), with its `!tag`, `&anchor` or
   * `?` in front of it.
   */
  addToBlockMap(target: YAMLMap, linesFor: (indent: string, step: number) => string[]): TextEdit[] {
    const map = editableMap(target);
    if (!map) return [];
    const first = map.items[0]?.key as YamlNode | null | undefined;
    const start = map.range?.[0] ?? first?.range?.[0];
    if (!first?.range || start === undefined) return [];
    const indent = this.keyColumn(start);
    const newLines = linesFor(' '.repeat(indent), this.indentStep(map));
    return [this.insertLinesAfter(contentEnd(map, this.text), indent, newLines)];
  }

  /** `{a: 1}` → `{a: 1, entry}`; `{}` → `{entry}`; a trailing comma is reused. */
  addToFlowMap(target: YAMLMap, entry: string): TextEdit[] {
    const map = editableMap(target);
    if (!map) return [];
    const range = map.range;
    if (!range || this.text[range[1] - 1] !== '}') return [];
    const close = range[1] - 1;
    const last = map.items[map.items.length - 1];
    if (!last) return [this.edit(close, close, entry)];
    const end = pairEnd(last, this.text);
    const between = this.text.slice(end, close);
    const comma = /^\s*,/.exec(between);
    if (comma) return [this.edit(end + comma[0].length, end + comma[0].length, ` ${entry}`)];
    return [this.edit(end, end, `, ${entry}`)];
  }

  /** `[a]` → `[a, item]`, `[]` → `[item]`; a block list gets a `- item` line at its dashes' column. */
  appendToSeq(target: YAMLSeq, item: string): TextEdit[] {
    const seq = editableMap(target);
    if (!seq) return [];
    const range = seq.range;
    if (!range) return [];
    if (seq.flow) {
      if (this.text[range[1] - 1] !== ']') return [];
      const close = range[1] - 1;
      const last = seq.items[seq.items.length - 1] as YamlNode | undefined;
      if (!last?.range) return [this.edit(close, close, item)];
      const end = contentEnd(last, this.text);
      const comma = /^\s*,/.exec(this.text.slice(end, close));
      return comma ? [this.edit(end + comma[0].length, end + comma[0].length, ` ${item}`)] : [this.edit(end, end, `, ${item}`)];
    }
    const dash = this.column(range[0]);
    return [this.insertLinesAfter(contentEnd(seq, this.text), dash, [`${' '.repeat(dash)}- ${item}`])];
  }

  /**
   * How far the file indents a block list from its key: 0 for flush lists (`key:` then `- a` in the
   * same column), else the step. Judged from the first block list under a key in the document.
   */
  sequenceIndent(step: number): number {
    const found = this.seqOffsetIn(this.context.doc.contents, 8);
    // A list left of its key only parses with errors; fall back rather than indent by a negative count.
    return found !== null && found >= 0 ? found : step;
  }

  private seqOffsetIn(node: unknown, depth: number): number | null {
    const { isMap, isSeq } = yamlLibrary();
    if (depth <= 0 || !(isMap(node) || isSeq(node))) return null;
    for (const item of node.items) {
      const pair = isMap(node) ? (item as Pair) : null;
      const child: unknown = pair ? pair.value : item;
      const key = pair?.key as YamlNode | null | undefined;
      if (key?.range && isSeq(child) && !child.flow && child.range) {
        const { lines } = this.context;
        if (lines.position(child.range[0]).line > lines.position(key.range[0]).line) return this.column(child.range[0]) - this.column(key.range[0]);
      }
      const found = this.seqOffsetIn(child, depth - 1);
      if (found !== null) return found;
    }
    return null;
  }

  /** `securityContext:` (empty, `~` or `null`) becomes a map holding the pairs (`key: value`). */
  fillNullValue(pair: Pair, target: YAMLMap, pairs: readonly string[]): TextEdit[] {
    const owner = editableMap(target);
    if (!owner || !editablePair(pair)) return [];
    const keyNode = pair.key as YamlNode | null;
    const valueNode = pair.value as YamlNode | null;
    if (!keyNode?.range) return [];
    const written = valueNode?.range && valueNode.range[0] < valueNode.range[1] ? valueNode.range : null;
    if (owner.flow) {
      if (written) return [this.edit(written[0], written[1], `{${pairs.join(', ')}}`)];
      const at = valueNode?.range?.[0] ?? keyNode.range[1];
      return [this.edit(at, at, valueNode?.range ? ` {${pairs.join(', ')}}` : `: {${pairs.join(', ')}}`)];
    }
    const keyColumn = this.column(keyNode.range[0]);
    const childIndent = keyColumn + this.indentStep(owner);
    const insert = this.insertLinesAfter(keyNode.range[1], childIndent, pairs.map((p) => `${' '.repeat(childIndent)}${p}`));
    if (!written) return [insert];
    // Remove ` ~` / ` null` (and the blank before it) so the key opens a block.
    let from = written[0];
    while (from > keyNode.range[1] && /[ \t]/.test(this.text[from - 1] ?? '')) from--;
    return [this.edit(from, written[1], ''), insert];
  }

  /**
   * Inserts whole lines after the line holding `offset`, past comment lines indented deeper than
   * `indent` (they belong to the content above). The last line without a newline gets one first.
   */
  insertLinesAfter(offset: number, indent: number, newLines: string[]): TextEdit {
    const { lines } = this.context;
    let line = lines.position(offset).line + 1;
    while (line < lines.lineCount && isDeeperComment(lines.lineText(line), indent)) line++;
    const body = newLines.join(this.eol);
    if (line >= lines.lineCount) {
      // Only a last line without a line break gets here (a final '\n' leaves an empty last line).
      const end = this.text.length;
      return this.edit(end, end, `${this.eol}${body}`);
    }
    const at = lines.lineStart(line);
    return this.edit(at, at, `${body}${this.eol}`);
  }

  /**
   * The file's indentation step: how far a nested block map (or an indented list) sits from its
   * key, looked for first in `near` and then anywhere in the document.
   */
  indentStep(near: YAMLMap): number {
    return this.stepIn(near, 1) ?? this.stepIn(this.context.doc.contents, 8) ?? DEFAULT_STEP;
  }

  private stepIn(node: unknown, depth: number): number | null {
    const { isMap, isSeq } = yamlLibrary();
    if (isMap(node) && !node.flow) {
      // Nested maps say it best; an indented list (`-` deeper than its key) is the next clue.
      const step = this.childStep(node, isMap) ?? this.childStep(node, isSeq);
      if (step !== null) return step;
    }
    if (depth <= 1 || !(isMap(node) || isSeq(node))) return null;
    for (const item of node.items) {
      const child: unknown = isMap(node) ? (item as Pair).value : item;
      const found = this.stepIn(child, depth - 1);
      if (found !== null) return found;
    }
    return null;
  }

  private childStep(map: YAMLMap, accept: (node: unknown) => boolean): number | null {
    const { lines } = this.context;
    for (const pair of map.items) {
      const key = pair.key as YamlNode | null;
      const value = pair.value as (YamlNode & { flow?: boolean }) | null;
      if (!key?.range || !value?.range || !accept(value) || value.flow) continue;
      const step = this.column(value.range[0]) - this.column(key.range[0]);
      if (step > 0 && lines.position(value.range[0]).line > lines.position(key.range[0]).line) return step;
    }
    return null;
  }
}

function isDeeperComment(line: string, indent: number): boolean {
  const m = /^([ \t]*)#/.exec(line);
  return m !== null && (m[1]?.length ?? 0) > indent;
}

/** Where a pair's written content ends: its value's, or its key's when it has no value. */
function pairEnd(pair: Pair, text: string): number {
  const value = pair.value as YamlNode | null;
  if (value?.range) return contentEnd(value, text);
  return (pair.key as YamlNode | null)?.range?.[1] ?? 0;
}

/**
 * The offset just after the last character a node writes. Block collections end at their last
 * item (their own range runs on over trailing comments into the next line); block scalars end
 * before their final line breaks.
 */
export function contentEnd(node: YamlNode, text: string): number {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  const range = node.range;
  if (!range) return 0;
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    // The furthest item, not the last: pairs a merge key (`<<: *base`) copied in sit among the
    // map's own and carry the alias's place in the text.
    let end = -1;
    for (const item of node.items as unknown[]) {
      if (isMap(node)) end = Math.max(end, pairEnd(item as Pair, text));
      else if ((item as YamlNode | null)?.range) end = Math.max(end, contentEnd(item as YamlNode, text));
    }
    return end === -1 ? range[0] : end;
  }
  let end = range[1];
  if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
    while (end > range[0] && /\s/.test(text[end - 1] ?? '')) end--;
  }
  return end;
}

/**
 * The node properties that end `before` (the text of the line before a scalar): a tag, blanks,
 * and optionally an anchor and blanks (`!!str &a `). `length` counts from the tag's `!`;
 * `anchor` is the anchor with its blanks, or ''. Read from the end by hand: the one-regex form
 * was quadratic on a long run of `!`.
 */
function tagBefore(before: string): { length: number; anchor: string } | null {
  const blanksBack = (to: number): number => {
    let at = to;
    while (at > 0 && (before[at - 1] === ' ' || before[at - 1] === '\t')) at--;
    return at;
  };
  const wordBack = (to: number): number => {
    let at = to;
    while (at > 0 && !/\s/.test(before[at - 1] as string)) at--;
    return at;
  };
  const tagFrom = (wordStart: number, wordEnd: number): number => {
    const bang = before.slice(wordStart, wordEnd).indexOf('!');
    return bang === -1 ? -1 : wordStart + bang;
  };
  const lastEnd = blanksBack(before.length);
  if (lastEnd === before.length || lastEnd === 0) return null;
  const lastStart = wordBack(lastEnd);
  const tag = tagFrom(lastStart, lastEnd);
  if (tag !== -1) return { length: before.length - tag, anchor: '' };
  if (before[lastStart] !== '&' || lastEnd - lastStart < 2) return null;
  const tagEnd = blanksBack(lastStart);
  if (tagEnd === lastStart) return null;
  const anchoredTag = tagFrom(wordBack(tagEnd), tagEnd);
  return anchoredTag === -1 ? null : { length: before.length - anchoredTag, anchor: before.slice(lastStart) };
}

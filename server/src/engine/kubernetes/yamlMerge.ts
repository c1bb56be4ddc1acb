import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import type { YamlDocumentContext } from '../rule';
import type { TextEdit } from '../types';
import { pairOf } from './objects';
import { SourceEditor } from './yamlSourceEditor';

/**
 * What a map should hold after an edit, merged into what it holds now: a scalar value (kept when
 * `keep` accepts the current one), a nested map, or a list that must include an item.
 */
export type Desired =
  | { kind: 'scalar'; value: string; keep?: (current: unknown) => boolean }
  | { kind: 'map'; entries: readonly DesiredEntry[] }
  | { kind: 'includes'; item: string };
export type DesiredEntry = readonly [key: string, desired: Desired];

export const scalar = (value: string, keep?: (current: unknown) => boolean): Desired => ({ kind: 'scalar', value, ...(keep ? { keep } : {}) });
export const map = (...entries: DesiredEntry[]): Desired => ({ kind: 'map', entries });
export const includes = (item: string): Desired => ({ kind: 'includes', item });

/**
 * Edits that merge `entries` into `owner`, in place: existing values are kept or replaced, missing
 * keys are added to their map (block or flow, at the file's indentation and list style), lists
 * gain the missing item. Comments and everything not named stay as they are. Returns null when the
 * document holds something no edit can sensibly extend (a string where a map belongs).
 */
export function mergeEdits(context: YamlDocumentContext, owner: YAMLMap, entries: readonly DesiredEntry[]): TextEdit[] | null {
  return mergeEditsInto(context, [[owner, entries]]);
}

/**
 * Several merges in one edit. Inserts that land at one point are joined in the order of `targets`,
 * so list the deeper maps first (a container's new keys before its pod spec's, which follow it).
 * A target that cannot be merged is left out; null when none can.
 */
export function mergeEditsInto(context: YamlDocumentContext, targets: readonly (readonly [YAMLMap, readonly DesiredEntry[]])[]): TextEdit[] | null {
  const editor = new SourceEditor(context);
  const edits: TextEdit[] = [];
  let merged = false;
  for (const [owner, entries] of targets) {
    const made = mergeInto(editor, owner, entries);
    if (made === null) continue;
    merged = true;
    edits.push(...made);
  }
  return merged ? joinInserts(context, edits) : null;
}

function mergeInto(editor: SourceEditor, target: YAMLMap, entries: readonly DesiredEntry[]): TextEdit[] | null {
  const { isMap, isSeq, isScalar } = yamlLibrary();
  const edits: TextEdit[] = [];
  const missing: DesiredEntry[] = [];
  for (const entry of entries) {
    const [key, desired] = entry;
    const pair = pairOf(target, key);
    const value = pair?.value as YamlNode | null | undefined;
    const empty = value === null || value === undefined || (isScalar(value) && value.value === null);
    if (!pair) {
      missing.push(entry);
      continue;
    }
    let nested: TextEdit[] | null;
    if (desired.kind === 'scalar') {
      const current = isScalar(value) ? value.value : value;
      nested = desired.keep?.(current) ? [] : editor.replaceValue(pair, desired.value);
    } else if (empty) {
      nested = fillEmpty(editor, pair, target, key, desired);
    } else if (desired.kind === 'map') {
      nested = isMap(value) ? mergeInto(editor, value, desired.entries) : null;
    } else if (isSeq(value)) {
      nested = value.items.some((i) => isScalar(i) && i.value === desired.item) ? [] : editor.appendToSeq(value, desired.item);
    } else nested = null;
    if (nested === null) return null;
    edits.push(...nested);
  }
  if (missing.length === 0) return edits;
  const added = target.flow
    ? editor.addToFlowMap(target, missing.map(([k, d]) => flowEntry(k, d)).join(', '))
    : editor.addToBlockMap(target, (indent, step) => missing.flatMap(([k, d]) => blockLines(k, d, step, editor.sequenceIndent(step))).map((l) => `${indent}${l}`));
  return added.length === 0 ? null : [...edits, ...added];
}

/** `key:` with nothing (or `~`) under it: the whole desired value is written there. */
function fillEmpty(editor: SourceEditor, pair: Pair, owner: YAMLMap, key: string, desired: Desired): TextEdit[] {
  if (owner.flow || desired.kind === 'scalar') return editor.replaceValue(pair, flowValue(desired));
  const step = editor.indentStep(owner);
  // The children of `key:`, relative to the column fillNullValue puts them at (one step in).
  const children = desired.kind === 'includes' ? [`- ${desired.item}`] : desired.entries.flatMap(([k, d]) => blockLines(k, d, step, editor.sequenceIndent(step)));
  return editor.fillNullValue(pair, owner, children);
}

/** Block lines for `key: desired`, relative to the key's column. */
function blockLines(key: string, desired: Desired, step: number, seqIndent: number): string[] {
  if (desired.kind === 'scalar') return [`${key}: ${desired.value}`];
  if (desired.kind === 'includes') return [`${key}:`, `${' '.repeat(seqIndent)}- ${desired.item}`];
  const pad = ' '.repeat(step);
  return [`${key}:`, ...desired.entries.flatMap(([k, d]) => blockLines(k, d, step, seqIndent)).map((l) => `${pad}${l}`)];
}

function flowEntry(key: string, desired: Desired): string {
  return `${key}: ${flowValue(desired)}`;
}

function flowValue(desired: Desired): string {
  if (desired.kind === 'scalar') return desired.value;
  if (desired.kind === 'includes') return `[${desired.item}]`;
  return `{${desired.entries.map(([k, d]) => flowEntry(k, d)).join(', ')}}`;
}

/**
 * Inserts at one point (a list's new last item and its map's new keys after it) become one edit,
 * in the order they were made, so every client applies them the same way.
 */
function joinInserts(context: YamlDocumentContext, edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const edit of edits) {
    const isInsert = context.lines.offset(edit.range.start) === context.lines.offset(edit.range.end);
    const same = isInsert ? out.find((e) => context.lines.offset(e.range.start) === context.lines.offset(edit.range.start) && context.lines.offset(e.range.end) === context.lines.offset(e.range.start)) : undefined;
    if (same) same.newText += edit.newText;
    else out.push({ range: edit.range, newText: edit.newText });
  }
  return out;
}

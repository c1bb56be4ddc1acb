import type { Document, Node as YamlNode, Pair, Scalar, YAMLMap } from 'yaml';
import { yamlLibrary } from './yamlDocuments';

import { STOP_WALK, walkYaml } from './yamlWalk';
/**
 * The document as the API server reads it: go-yaml expands every alias and `<<` merge key before
 * the object is decoded, and a lenient decoder keeps the later of two equal keys. Rules walk the
 * node tree, so the tree is rewritten in place to match:
 *
 * - an alias becomes a copy of its anchored node whose every range is the alias's own token, so
 *   a finding inside it lands on `*name` (the only text that put it there);
 * - the pairs of a merge source join the map (after its first own pair, see `spliceMerges`), keys
 *   the map sets itself winning, earlier sources winning over later ones (yaml.org/type/merge);
 * - of duplicate keys only the last stays.
 *
 * Copies are bounded (`MAX_COPIED_NODES`) so an alias bomb costs nothing: past the bound aliases
 * stay unresolved and are ignored by the rules, as before.
 */
export interface AliasUse {
  /** Offsets of the `*name` token in the chunk. */
  start: number;
  end: number;
  anchor: string;
  /** Offsets of the anchored node (`&name` and what it names). */
  anchorStart: number;
  anchorEnd: number;
}

export interface DuplicateKey {
  key: string;
  /** The earlier key's token, which the decoder drops. */
  start: number;
  end: number;
  /** Where the dropped pair's value ends (the key's end when it has none). */
  pairEnd: number;
}

export interface ResolvedAnchors {
  aliases: AliasUse[];
  duplicates: DuplicateKey[];
}

export const MAX_COPIED_NODES = 10_000;

/** Whether a chunk may hold an alias or a merge key, so documents without them skip the walk. */
export function mayHoldAliases(text: string): boolean {
  return /\*[^\s*,[\]{}]/.test(text) || text.includes('<<');
}

export function resolveAnchors(doc: Document.Parsed, checkDuplicates: boolean): ResolvedAnchors {
  const result: ResolvedAnchors = { aliases: [], duplicates: [] };
  const anchors = new Map<string, YamlNode>();
  let budget = MAX_COPIED_NODES;
  const lib = yamlLibrary();

  /** Nodes under an anchored node, counted once and only up to what the budget could still pay. */
  const sizes = new WeakMap<YamlNode, number>();
  const sizeOf = (node: YamlNode): number => {
    let size = sizes.get(node);
    if (size === undefined) {
      let n = 0;
      walkYaml(node, { node: () => (++n > budget ? STOP_WALK : undefined) });
      size = n;
      sizes.set(node, size);
    }
    return size;
  };

  const copyOf = (alias: { source: string; range?: [number, number, number] | null }): YamlNode | null => {
    const source = anchors.get(alias.source);
    if (!source || !alias.range || sizeOf(source) > budget) return null;
    budget -= sizeOf(source);
    const copy = source.clone() as YamlNode;
    const [start, end] = alias.range;
    walkYaml(copy, {
      node(node) {
        node.range = [start, end, end];
        if ('anchor' in node) node.anchor = undefined;
      },
    });
    result.aliases.push({ start, end, anchor: alias.source, anchorStart: source.range?.[0] ?? start, anchorEnd: source.range?.[1] ?? end });
    return copy;
  };

  const walk = (node: unknown): unknown => {
    if (lib.isAlias(node)) return copyOf(node) ?? node;
    if (lib.isMap(node)) {
      for (const pair of node.items) pair.value = walk(pair.value) as YamlNode | null;
      spliceMerges(node);
      if (checkDuplicates) dropEarlierDuplicates(node, result.duplicates);
    } else if (lib.isSeq(node)) {
      node.items = node.items.map(walk);
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor && lib.isNode(node)) anchors.set(anchor, node);
    return node;
  };
  doc.contents = walk(doc.contents) as typeof doc.contents;
  return result;
}

/** A plain `<<` key (a quoted one is an ordinary string key). */
function isMergeKey(key: unknown): boolean {
  const { isScalar } = yamlLibrary();
  if (!isScalar(key) || (key.type !== undefined && key.type !== 'PLAIN')) return false;
  const v = key.value;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}

function keyText(pair: Pair): string | null {
  const key = pair.key as Scalar | null;
  const v = yamlLibrary().isScalar(key) ? key.value : undefined;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
}

function spliceMerges(map: YAMLMap): void {
  if (!map.items.some((p) => isMergeKey(p.key))) return;
  const { isMap, isSeq } = yamlLibrary();
  const present = new Set<string>();
  for (const pair of map.items) {
    const k = isMergeKey(pair.key) ? null : keyText(pair as Pair);
    if (k !== null) present.add(k);
  }
  const own: Pair[] = [];
  const merged: Pair[] = [];
  for (const pair of map.items as Pair[]) {
    if (!isMergeKey(pair.key)) {
      own.push(pair);
      continue;
    }
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    // A source still an alias (unresolved) keeps its `<<` pair, so nothing is silently lost.
    if (sources.some((s) => !isMap(s))) own.push(pair);
    for (const source of sources) {
      if (!isMap(source)) continue;
      for (const pair of source.items as Pair[]) {
        const k = keyText(pair);
        if (k === null || present.has(k)) continue;
        present.add(k);
        merged.push(pair);
      }
    }
  }
  // Edits take a block map's indentation from its first pair and append after its last (a flow
  // map's after its last): keep the user's own pairs there (key order means nothing to the API).
  const items = map.flow ? [...merged, ...own] : [...own.slice(0, 1), ...merged, ...own.slice(1)];
  map.items = items;
}

function dropEarlierDuplicates(map: YAMLMap, out: DuplicateKey[]): void {
  const last = new Map<string, Pair>();
  for (const pair of map.items as Pair[]) {
    const k = keyText(pair);
    if (k !== null) last.set(k, pair);
  }
  if (last.size === map.items.length) return;
  map.items = (map.items as Pair[]).filter((pair) => {
    const k = keyText(pair);
    if (k === null || last.get(k) === pair) return true;
    const range = (pair.key as YamlNode).range;
    const valueEnd = (pair.value as YamlNode | null)?.range?.[1];
    if (range) out.push({ key: k, start: range[0], end: range[1], pairEnd: valueEnd ?? range[1] });
    return false;
  });
}

import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';

/**
 * Which parsed nodes an edit may write into, for objects whose containers and pod settings are
 * built by merging several places of the file (Tekton's stepTemplate into each step, a run's
 * overrides): a merge is a new map that stands for one map of the file (the step's own), and a
 * node shared by many (a stepTemplate's) is never edited through one of its users.
 */

/** Maps and lists that exist only as a merge, each with the map of the file it stands for. */
const mergedFrom = new WeakMap<object, YAMLMap | YAMLSeq>();
/** Nodes shared by several merges: never edited through one of them. */
const shared = new WeakSet<object>();

/** Records that edits of `merged` belong in `own`. */
export function recordMerge(merged: YAMLMap | YAMLSeq, own: YAMLMap | YAMLSeq): void {
  mergedFrom.set(merged, own);
}

/** Marks `node` and everything under it as shared by several merges. */
export function markShared(node: YAMLMap | YAMLSeq): void {
  yamlLibrary().visit(node, {
    Node(_, child) {
      shared.add(child);
    },
    Pair(_, pair) {
      shared.add(pair);
    },
  });
  shared.add(node);
}

/**
 * Lets edits into `node` again, for a caller that means to change every user of it ("Harden this
 * workload" writing a stepTemplate on purpose). Only on a parse of its own: the lint's parses
 * keep their marks.
 */
export function unmarkShared(node: YAMLMap | YAMLSeq): void {
  yamlLibrary().visit(node, {
    Node(_, child) {
      shared.delete(child);
    },
    Pair(_, pair) {
      shared.delete(pair);
    },
  });
  shared.delete(node);
}

/**
 * The map an edit of `node` must write into: the own map for a merged one, null for a shared one
 * (editing it through one user would change every user), else `node` itself.
 */
export function editableMap<T extends YAMLMap | YAMLSeq>(node: T): T | null {
  if (shared.has(node)) return null;
  return (mergedFrom.get(node) as T | undefined) ?? node;
}

/** Whether a pair's value can be replaced in place: not a shared one's, nor a merge. */
export function editablePair(pair: Pair): boolean {
  const value = pair.value as YamlNode | null;
  return !shared.has(pair) && !(value && (shared.has(value) || mergedFrom.has(value)));
}

import type { Document, Node as YamlNode, Pair } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import { walkYaml } from '../../parse/yamlWalk';

export interface UndecodableKey {
  message: string;
  /** Offsets in the chunk: the key, or the `:` of an empty one. */
  start: number;
  end: number;
}

/**
 * Map keys the API server cannot take. kubectl turns the YAML into JSON (sigs.k8s.io/yaml), which
 * accepts string, number and boolean keys and rejects the object for any other: an empty or null
 * key (`: x`, `- :`, `~: x`) or a map or list written as a key (`? {a: 1}`). The YAML parser is
 * lenient around such keys (it can even drop the text after `? :` from the tree), so edits placed
 * by the tree would land in the wrong spot: the caller offers no fixes in such a document.
 */
export function undecodableKeys(doc: Document.Parsed, text: string): UndecodableKey[] {
  const lib = yamlLibrary();
  const found: UndecodableKey[] = [];
  walkYaml(doc.contents, {
    pair(pair: Pair) {
      const key = pair.key as YamlNode | null;
      const what = key === null || (lib.isScalar(key) && key.value === null) ? 'empty or null map key' : lib.isCollection(key) ? 'map or list used as a map key' : null;
      if (!what) return;
      const at = key?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0] ?? 0;
      const end = key?.range && key.range[1] > at ? key.range[1] : Math.min(at + 1, text.length);
      found.push({ message: `${what}: kubectl rejects an object with a key that is not a string, number or boolean (no fixes are offered in this document until it is corrected)`, start: at, end: Math.max(at, end) });
    },
  });
  return found;
}

import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import type { YamlDocumentContext } from '../rule';
import type { TextEdit } from '../types';
import { pairOf } from './objects';
import { SourceEditor } from './yamlSourceEditor';

/**
 * Edits that make `owner.securityContext.key` equal `value` (YAML text), in place: an existing
 * value is replaced; a missing key is added to the existing map (block or flow); a missing
 * `securityContext` is added to the owner. Indentation follows the file; comments are untouched.
 * `owner` is a container map or a pod spec map. Returns no edits when the existing
 * `securityContext` is something no edit can sensibly extend (a string, a list).
 */
export function setSecurityContextKey(context: YamlDocumentContext, owner: YAMLMap, key: string, value: string): TextEdit[] {
  return setSecurityContextKeys(context, owner, [[key, value]]);
}

/** Several keys of one `securityContext` at once: missing keys are added together, in order. */
export function setSecurityContextKeys(context: YamlDocumentContext, owner: YAMLMap, entries: readonly (readonly [string, string])[]): TextEdit[] {
  const { isMap } = yamlLibrary();
  const editor = new SourceEditor(context);
  const scPair = pairOf(owner, 'securityContext');
  const pairs = entries.map(([key, value]) => `${key}: ${value}`);
  if (!scPair) {
    if (owner.flow) return editor.addToFlowMap(owner, `securityContext: {${pairs.join(', ')}}`);
    return editor.addToBlockMap(owner, (indent, step) => [`${indent}securityContext:`, ...pairs.map((p) => `${indent}${' '.repeat(step)}${p}`)]);
  }
  const sc = scPair.value;
  if (isMap(sc)) {
    const edits: TextEdit[] = [];
    const missing: string[] = [];
    for (const [key, value] of entries) {
      const existing = pairOf(sc, key);
      if (!existing) missing.push(`${key}: ${value}`);
      else {
        const replaced = editor.replaceValue(existing, value);
        if (replaced.length === 0) return [];
        edits.push(...replaced);
      }
    }
    if (missing.length === 0) return edits;
    const added = sc.flow ? editor.addToFlowMap(sc, missing.join(', ')) : editor.addToBlockMap(sc, (indent) => missing.map((p) => `${indent}${p}`));
    return added.length === 0 ? [] : [...edits, ...added];
  }
  if (sc === null || isNullScalar(sc)) return editor.fillNullValue(scPair, owner, pairs);
  return [];
}

/** Replaces a pair's value with `value` (YAML text), keeping its key, anchor and comment. */
export function replacePairValue(context: YamlDocumentContext, pair: Pair, value: string): TextEdit[] {
  return new SourceEditor(context).replaceValue(pair, value);
}

function isNullScalar(node: YamlNode): boolean {
  const { isScalar } = yamlLibrary();
  return isScalar(node) && node.value === null;
}


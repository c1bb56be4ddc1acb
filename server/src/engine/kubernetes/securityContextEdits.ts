import type { YAMLMap } from 'yaml';
import type { YamlDocumentContext } from '../rule';
import type { TextEdit } from '../types';

/**
 * Edits that make `owner.securityContext.key` equal `value` (YAML text), in place: an existing
 * value is replaced; a missing key is added to the existing map (block or flow); a missing
 * `securityContext` is added to the owner. Indentation follows the file; comments are untouched.
 */
export function setSecurityContextKey(context: YamlDocumentContext, owner: YAMLMap, key: string, value: string): TextEdit[] {
  void context;
  void owner;
  void key;
  void value;
  throw new Error('not implemented yet');
}

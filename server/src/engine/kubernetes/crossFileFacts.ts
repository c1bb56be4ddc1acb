import { splitYamlDocuments, type ParsedYamlChunk, type YamlChunk } from '../../parse/yamlDocuments';
import { mayHoldNamespaceLevel, namespaceLevelOf, namespaceLevelsKey, type NamespaceLevels, type NamespacePodSecurity } from './namespacePodSecurity';
import { mayHoldRole, roleGrantsKey, roleGrantsOf, type RoleGrant, type RoleGrants } from './roleGrants';

/**
 * What one manifest tells the lint of the others: the Pod Security labels of its Namespaces (the
 * level their objects are judged at) and what its Roles and ClusterRoles grant (how a binding
 * naming one is judged). A lint needs them as input, from every file, before it runs; so they are
 * read in a pass of their own that parses only the documents that can hold one (a Namespace with
 * an enforce label, a Role) and hands those parses on to the lint (`LintCache.parse`), which then
 * reports the same facts with its output. Nothing is parsed twice.
 */
export interface CrossFileFacts {
  namespaces: NamespaceLevels;
  roles: RoleGrants;
}

/** Reads one document's facts, parsing it (once) through `parse` only when its text can hold one. */
export function chunkFacts(chunk: YamlChunk, parse: (chunk: YamlChunk) => ParsedYamlChunk): CrossFileFacts | null {
  const namespace = mayHoldNamespaceLevel(chunk.text);
  const role = mayHoldRole(chunk.text);
  if (!namespace && !role) return null;
  const doc = parse(chunk).doc;
  if (!doc) return null;
  const level = namespace ? namespaceLevelOf(doc) : null;
  const roles = role ? roleGrantsOf(doc) : new Map<string, RoleGrant>();
  if (!level && roles.size === 0) return null;
  return { namespaces: new Map(level ? [level] : []), roles };
}

/** Several documents' or files' facts as one; a later one wins a name both have. */
export function joinFacts(parts: Iterable<CrossFileFacts | null | undefined>): CrossFileFacts {
  const namespaces = new Map<string, NamespacePodSecurity>();
  const roles = new Map<string, RoleGrant>();
  for (const part of parts) {
    if (!part) continue;
    for (const [name, level] of part.namespaces) namespaces.set(name, level);
    for (const [key, grant] of part.roles) roles.set(key, grant);
  }
  return { namespaces, roles };
}

/** The facts of a whole text (a file not linted here, such as one closed in the editor). */
export function crossFileFactsIn(text: string, parse: (chunk: YamlChunk) => ParsedYamlChunk): CrossFileFacts {
  return joinFacts(splitYamlDocuments(text).map((chunk) => chunkFacts(chunk, parse)));
}

export function isEmptyFacts(facts: CrossFileFacts | undefined): boolean {
  return !facts || (facts.namespaces.size === 0 && facts.roles.size === 0);
}

/** A stable text: equal keys, equal lint input. */
export function crossFileFactsKey(facts: CrossFileFacts | undefined): string {
  return `${namespaceLevelsKey(facts?.namespaces)}\u0000${roleGrantsKey(facts?.roles)}`;
}

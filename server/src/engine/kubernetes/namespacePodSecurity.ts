import type { Document } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import type { RuleSettings } from '../rule';
import { mapAt, scalarString, type KubernetesObject } from './objects';

/**
 * The Pod Security Admission labels of Namespaces (`pod-security.kubernetes.io/enforce` and
 * `…/enforce-version`): the level the admission controller enforces on the pods of that namespace,
 * whatever `podSecurityLevel` says for the rest. Gathered from every manifest the front end can
 * see (the CLI's files, the server's workspace) and from the file itself.
 */
export type PodSecurityLabelLevel = 'privileged' | 'baseline' | 'restricted';

export interface NamespacePodSecurity {
  level: PodSecurityLabelLevel;
  /** `v1.30` or `latest`. */
  version: string;
}

export type NamespaceLevels = ReadonlyMap<string, NamespacePodSecurity>;

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';
const LEVELS = new Set<string>(['privileged', 'baseline', 'restricted']);

/** Whether a document's text can hold a Namespace with an enforce label (a test before parsing it). */
export function mayHoldNamespaceLevel(text: string): boolean {
  return text.includes(ENFORCE) && /^kind:\s*["']?Namespace\b/m.test(text);
}

/** The Namespace with an enforce label that a parsed document is, if it is one. */
export function namespaceLevelOf(doc: Document.Parsed): [string, NamespacePodSecurity] | null {
  const { isMap } = yamlLibrary();
  const root = doc.contents;
  if (!isMap(root) || scalarString(root.get('kind', true)) !== 'Namespace' || scalarString(root.get('apiVersion', true)) !== 'v1') return null;
  const name = scalarString(mapAt(root, ['metadata'])?.get('name', true));
  const labels = mapAt(root, ['metadata', 'labels']);
  const level = scalarString(labels?.get(ENFORCE, true));
  if (!name || !level || !LEVELS.has(level)) return null;
  const version = scalarString(labels?.get(ENFORCE_VERSION, true));
  return [name, { level: level as PodSecurityLabelLevel, version: version && /^(latest|v1\.\d+)$/.test(version) ? version : 'latest' }];
}

/** A stable text for cache keys. */
export function namespaceLevelsKey(levels: NamespaceLevels | undefined): string {
  if (!levels || levels.size === 0) return '';
  return [...levels].map(([name, l]) => `${name}=${l.level}:${l.version}`).sort().join(',');
}

/**
 * The settings for a document: the level of its objects' namespace when a Namespace label sets
 * one (the first object with a namespace decides; a document is one object in practice), and
 * whether that namespace is `privileged`, where the admission controller checks nothing.
 */
export function namespaceSettings(settings: RuleSettings, objects: readonly KubernetesObject[], levels: NamespaceLevels | undefined): { settings: RuleSettings; exempt: boolean } {
  if (!levels || levels.size === 0) return { settings, exempt: false };
  for (const object of objects) {
    const namespace = scalarString(object.metadata?.get('namespace', true));
    const label = namespace ? levels.get(namespace) : undefined;
    if (!label) continue;
    if (label.level === 'privileged') return { settings, exempt: true };
    return { settings: { ...settings, podSecurityLevel: label.level, podSecurityVersion: label.version }, exempt: false };
  }
  return { settings, exempt: false };
}

import type { Node as YamlNode, YAMLMap } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import { shiftRange, type Range } from '../types';
import { mapAt, pairOf, scalarString, type KubernetesObject } from './objects';
import { objectLabel } from './podSecurity';

/**
 * What one manifest tells the workspace-wide NetworkPolicy check: its namespaced workloads with
 * their pod labels, its NetworkPolicies' pod selectors, its Namespace objects. Read by `lint()`
 * from the parse it makes anyway, so the cross-file check parses nothing again.
 */
export interface NetworkFacts {
  workloads: WorkloadFact[];
  policies: PolicyFact[];
  namespaces: NamespaceFact[];
}

interface Spot {
  /** Where a finding about it would go (the object's `metadata.name` value). */
  range: Range;
  /** A `seaworthy-ignore` for the check covers that spot (a comment, an annotation, the file). */
  quiet: boolean;
}

export interface WorkloadFact extends Spot {
  namespace: string;
  /** As `Deployment "web"`. */
  label: string;
  labels: ReadonlyMap<string, string>;
}

export interface PolicyFact {
  namespace: string;
  /** null: selects every pod (`podSelector: {}`); 'unknown': `matchExpressions`, assumed to select. */
  matchLabels: ReadonlyMap<string, string> | null | 'unknown';
}

export interface NamespaceFact extends Spot {
  name: string;
}

export const NETWORK_POLICY_RULE_ID = 'namespace-without-network-policy';

/** The facts of one parsed document's objects; `rangeOf` and `quiet` work in the document's coordinates. */
export function networkFactsOf(objects: readonly KubernetesObject[], rangeOf: (node: YamlNode) => Range, quiet: (range: Range) => boolean): NetworkFacts {
  const facts: NetworkFacts = { workloads: [], policies: [], namespaces: [] };
  for (const object of objects) {
    const at = (): Range => rangeOf(((object.metadata && pairOf(object.metadata, 'name')?.value) ?? object.node) as YamlNode);
    if (object.kind === 'Namespace' && object.apiVersion === 'v1') {
      if (!object.name) continue;
      const range = at();
      facts.namespaces.push({ name: object.name, range, quiet: quiet(range) });
      continue;
    }
    const namespace = scalarString(object.metadata?.get('namespace', true));
    if (!namespace) continue; // the namespace is chosen when it is applied: unknown here
    if (object.kind === 'NetworkPolicy' && object.apiVersion === 'networking.k8s.io/v1') {
      facts.policies.push({ namespace, matchLabels: selectorOf(object) });
      continue;
    }
    for (const site of object.podSpecs) {
      const range = at();
      facts.workloads.push({ namespace, label: objectLabel(object), labels: stringMap(site.metadata ? mapAt(site.metadata, ['labels']) : null), range, quiet: quiet(range) });
    }
  }
  return facts;
}

/** The facts of several documents as one file's, each moved down by its document's first line. */
export function joinNetworkFacts(parts: readonly { facts: NetworkFacts; startLine: number }[]): NetworkFacts {
  const joined: NetworkFacts = { workloads: [], policies: [], namespaces: [] };
  for (const { facts, startLine } of parts) {
    const shift = <T extends Spot>(spot: T): T => ({ ...spot, range: shiftRange(spot.range, startLine) });
    joined.workloads.push(...facts.workloads.map(shift));
    joined.policies.push(...facts.policies);
    joined.namespaces.push(...facts.namespaces.map(shift));
  }
  return joined;
}

function stringMap(map: YAMLMap | null): Map<string, string> {
  const labels = new Map<string, string>();
  for (const item of map?.items ?? []) {
    const key = scalarString(item.key);
    const value = scalarString(item.value);
    if (key !== null && value !== null) labels.set(key, value);
  }
  return labels;
}

function selectorOf(object: KubernetesObject): PolicyFact['matchLabels'] {
  const { isMap } = yamlLibrary();
  const spec = mapAt(object.node, ['spec']);
  const selector = spec?.get('podSelector', true);
  // Without a podSelector map the API server rejects the policy; counting it as selecting all makes no false claim.
  if (!isMap(selector)) return null;
  if (selector.has('matchExpressions')) return 'unknown';
  const labels = mapAt(selector, ['matchLabels']);
  if (!labels || labels.items.length === 0) return null;
  return stringMap(labels);
}

import type { YAMLMap } from 'yaml';
import { LineIndex } from '../../parse/lineIndex';
import { isTemplated } from '../fileKind';
import { parseYamlChunk, splitYamlDocuments, yamlLibrary } from '../../parse/yamlDocuments';
import type { SeaworthyConfig } from '../config';
import { engineFinding } from '../lint';
import { fileSuppressions, isSuppressed, yamlLineSuppressions } from '../suppressions';
import type { Finding, Range } from '../types';
import { findKubernetesObjects, mapAt, pairOf, scalarString, type KubernetesObject } from './objects';
import { objectLabel } from './podSecurity';

/**
 * The workspace-wide NetworkPolicy check: a namespace that has workloads in the given files but
 * no NetworkPolicy that selects their pods lets every pod in the cluster reach them (and them
 * reach everything). Pure: the front ends (the CLI over the files it checks, the server's
 * "Check Workspace") hand it the texts and publish what it returns.
 */
export interface ManifestText {
  fileName: string;
  text: string;
}

export interface NetworkPolicyGap {
  namespace: string;
  /** Where the finding goes: the Namespace object when one of the files has it, else the first uncovered workload. */
  fileName: string;
  range: Range;
  message: string;
  /** The workloads no policy selects, as `Deployment "web"`. */
  workloads: string[];
}

export const NETWORK_POLICY_RULE_ID = 'namespace-without-network-policy';

interface Workload {
  label: string;
  labels: Map<string, string>;
  fileName: string;
  range: Range;
}

interface Policy {
  /** null: selects every pod (`podSelector: {}`); 'unknown': `matchExpressions`, assumed to select. */
  matchLabels: Map<string, string> | null | 'unknown';
}

/** Namespaces with workloads that no NetworkPolicy selects; one entry per namespace. */
export function networkPolicyGaps(files: readonly ManifestText[]): NetworkPolicyGap[] {
  const workloads = new Map<string, Workload[]>();
  const policies = new Map<string, Policy[]>();
  const namespaceObjects = new Map<string, { fileName: string; range: Range }>();
  for (const file of files) {
    // Templates are not manifests until rendered: nothing certain to say about them.
    if (isTemplated(file.text)) continue;
    const lines = new LineIndex(file.text);
    for (const chunk of splitYamlDocuments(file.text)) {
      const doc = parseYamlChunk(chunk).doc;
      if (!doc) continue;
      const rangeOf = (node: { range?: [number, number, number] | null }): Range => {
        const [start, end] = node.range ?? [0, 0];
        return { start: lines.position(chunk.startOffset + start), end: lines.position(chunk.startOffset + end) };
      };
      for (const object of findKubernetesObjects(doc)) {
        const namespace = scalarString(object.metadata?.get('namespace', true));
        if (object.kind === 'Namespace' && object.apiVersion === 'v1' && object.name) {
          const at = (object.metadata && pairOf(object.metadata, 'name')?.value) ?? object.node;
          if (!namespaceObjects.has(object.name)) namespaceObjects.set(object.name, { fileName: file.fileName, range: rangeOf(at as { range?: [number, number, number] }) });
          continue;
        }
        if (!namespace) continue; // the namespace is chosen when it is applied: unknown here
        if (object.kind === 'NetworkPolicy' && object.apiVersion === 'networking.k8s.io/v1') {
          push(policies, namespace, { matchLabels: selectorOf(object) });
          continue;
        }
        for (const site of object.podSpecs) {
          const at = (object.metadata && pairOf(object.metadata, 'name')?.value) ?? null;
          push(workloads, namespace, { label: objectLabel(object), labels: labelsOf(site.metadata), fileName: file.fileName, range: rangeOf((at ?? object.node) as { range?: [number, number, number] }) });
        }
      }
    }
  }
  const gaps: NetworkPolicyGap[] = [];
  for (const [namespace, list] of [...workloads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const nsPolicies = policies.get(namespace) ?? [];
    const uncovered = list.filter((w) => !nsPolicies.some((p) => selects(p, w.labels)));
    if (uncovered.length === 0) continue;
    const first = uncovered[0]!;
    const where = namespaceObjects.get(namespace) ?? { fileName: first.fileName, range: first.range };
    const names = [...new Set(uncovered.map((w) => w.label))];
    const none = nsPolicies.length === 0 ? 'has no NetworkPolicy' : 'has no NetworkPolicy that selects';
    const subject = nsPolicies.length === 0 ? `, so every pod in the cluster can reach its workloads (${names.join(', ')})` : ` ${names.join(', ')}, so every pod in the cluster can reach them`;
    gaps.push({
      namespace,
      ...where,
      workloads: names,
      message: `Namespace "${namespace}" ${none}${subject} (add a default-deny NetworkPolicy with podSelector: {})`,
    });
  }
  return gaps;
}

/** A file of the checked set with the configuration that governs it. */
export interface ConfiguredManifest extends ManifestText {
  config: SeaworthyConfig;
}

/**
 * The `namespace-without-network-policy` findings of a set of files, by file name: each gap is
 * reported in the file it lands in, at the severity that file's configuration sets, unless the
 * configuration turns the check off or a `seaworthy-ignore` comment in that file covers it.
 */
export function networkPolicyFindings(files: readonly ConfiguredManifest[]): Map<string, Finding[]> {
  const byName = new Map(files.map((f) => [f.fileName, f]));
  const out = new Map<string, Finding[]>();
  for (const gap of networkPolicyGaps(files)) {
    const file = byName.get(gap.fileName)!;
    if (file.config.rules[NETWORK_POLICY_RULE_ID] === 'off') continue;
    const finding = engineFinding(NETWORK_POLICY_RULE_ID, gap.message, gap.range, file.config);
    const lines = new LineIndex(file.text);
    const regions = yamlLineSuppressions(lines);
    if (isSuppressed(finding, regions, fileSuppressions(file.text), [])) continue;
    push(out, gap.fileName, finding);
  }
  return out;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function labelsOf(metadata: YAMLMap | null): Map<string, string> {
  return stringMap(metadata ? mapAt(metadata, ['labels']) : null);
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

function selectorOf(object: KubernetesObject): Policy['matchLabels'] {
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

function selects(policy: Policy, labels: ReadonlyMap<string, string>): boolean {
  if (policy.matchLabels === null || policy.matchLabels === 'unknown') return true;
  return [...policy.matchLabels].every(([key, value]) => labels.get(key) === value);
}

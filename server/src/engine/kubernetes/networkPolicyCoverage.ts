import type { SeaworthyConfig } from '../config';
import { engineFinding } from '../lint';
import type { Finding, Range } from '../types';
import { NETWORK_POLICY_RULE_ID, type NetworkFacts, type WorkloadFact } from './networkFacts';

export { NETWORK_POLICY_RULE_ID };

/**
 * The workspace-wide NetworkPolicy check: a namespace that has workloads in the given files but
 * no NetworkPolicy that selects their pods lets every pod in the cluster reach them (and them
 * reach everything). Pure, over the facts `lint()` read from each manifest (`LintOutput.network`):
 * the front ends (the CLI over the files it checks, the server's "Check Workspace") collect them
 * as they lint and publish what this returns.
 */
export interface FileNetworkFacts {
  fileName: string;
  network: NetworkFacts;
}

export interface NetworkPolicyGap {
  namespace: string;
  /** Where the finding goes: the Namespace object when one of the files has it, else the first uncovered workload. */
  fileName: string;
  range: Range;
  /** A `seaworthy-ignore` covers that spot. */
  quiet: boolean;
  message: string;
  /** The workloads no policy selects, as `Deployment "web"`. */
  workloads: string[];
}

/** Namespaces with workloads that no NetworkPolicy selects; one entry per namespace. */
export function networkPolicyGaps(files: readonly FileNetworkFacts[]): NetworkPolicyGap[] {
  const workloads = new Map<string, (WorkloadFact & { fileName: string })[]>();
  const policies = new Map<string, NetworkFacts['policies']>();
  const namespaceObjects = new Map<string, { fileName: string; range: Range; quiet: boolean }>();
  for (const { fileName, network } of files) {
    for (const ns of network.namespaces) if (!namespaceObjects.has(ns.name)) namespaceObjects.set(ns.name, { fileName, range: ns.range, quiet: ns.quiet });
    for (const policy of network.policies) push(policies, policy.namespace, policy);
    for (const workload of network.workloads) push(workloads, workload.namespace, { ...workload, fileName });
  }
  const gaps: NetworkPolicyGap[] = [];
  for (const [namespace, list] of [...workloads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const nsPolicies = policies.get(namespace) ?? [];
    const uncovered = list.filter((w) => !nsPolicies.some((p) => selects(p.matchLabels, w.labels)));
    if (uncovered.length === 0) continue;
    const first = uncovered[0]!;
    const where = namespaceObjects.get(namespace) ?? { fileName: first.fileName, range: first.range, quiet: first.quiet };
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

/** A file of the checked set with its facts and the configuration that governs it. */
export interface ConfiguredManifest extends FileNetworkFacts {
  config: SeaworthyConfig;
}

/**
 * The `namespace-without-network-policy` findings of a set of files, by file name: each gap is
 * reported in the file it lands in, at the severity that file's configuration sets, unless the
 * configuration turns the check off or a `seaworthy-ignore` in that file covers it.
 */
export function networkPolicyFindings(files: readonly ConfiguredManifest[]): Map<string, Finding[]> {
  const configs = new Map(files.map((f) => [f.fileName, f.config]));
  const out = new Map<string, Finding[]>();
  for (const gap of networkPolicyGaps(files)) {
    const config = configs.get(gap.fileName)!;
    if (gap.quiet || config.rules[NETWORK_POLICY_RULE_ID] === 'off') continue;
    push(out, gap.fileName, engineFinding(NETWORK_POLICY_RULE_ID, gap.message, gap.range, config));
  }
  return out;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function selects(matchLabels: NetworkFacts['policies'][number]['matchLabels'], labels: ReadonlyMap<string, string>): boolean {
  if (matchLabels === null || matchLabels === 'unknown') return true;
  return [...matchLabels].every(([key, value]) => labels.get(key) === value);
}

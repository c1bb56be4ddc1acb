import type { Document, Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import { tektonPods } from './tekton';

/**
 * Kubernetes objects in one YAML document and the pod specs they carry. Rules walk these
 * instead of re-deriving workload shapes: Pod, the template-bearing workloads, CronJob,
 * `List.items[]` and custom resources through configured paths.
 */
export interface KubernetesObject {
  node: YAMLMap;
  apiVersion: string;
  kind: string;
  name: string | null;
  metadata: YAMLMap | null;
  podSpecs: PodSpecSite[];
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface PodSpecSite {
  spec: YAMLMap;
  /** Keys from the object root to the pod spec, e.g. `['spec', 'template', 'spec']`. */
  path: string[];
  /** The pod template's metadata (or the Pod's own), where annotations live. */
  metadata: YAMLMap | null;
  containers: ContainerSite[];
  /**
   * Settings another object may supply, so that their absence here proves nothing: `pod` — the
   * pod-level ones (a Tekton run's podTemplate or the cluster's default pod template); `all` —
   * anything (a Kustomize patch, whose base holds the rest). Unset: the pod spec is whole.
   */
  unseen?: 'pod' | 'all';
}

export interface ContainerSite {
  node: YAMLMap;
  list: ContainerList;
  name: string | null;
  /** What the user calls it when it is not a plain container: `Step`, `Sidecar` (Tekton). */
  role?: string;
  /** Its name in the pod when that differs from `name` (Tekton's `step-build`). */
  podName?: string;
  /** What sets its resources in place of its own, for messages (a Tekton run's task-level `computeResources`). */
  resourcesFrom?: string;
}

/** Extra pod-spec paths for custom resources, from `.seaworthy.yaml`. */
export interface PodTemplatePath {
  kind: string;
  /** When set, only objects of this apiVersion group (e.g. `argoproj.io`) match. */
  apiGroup?: string;
  path: string[];
}

const TEMPLATE_WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);

const BUILT_IN_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/**
 * Well-known custom resources whose pods are built from a pod spec at a fixed path: Argo Rollouts,
 * OpenShift DeploymentConfig, KEDA ScaledJob, Knative Service (its template is a pod spec subset).
 */
export const CUSTOM_RESOURCE_PATHS: readonly PodTemplatePath[] = [
  { kind: 'Rollout', apiGroup: 'argoproj.io', path: ['spec', 'template', 'spec'] },
  { kind: 'DeploymentConfig', apiGroup: 'apps.openshift.io', path: ['spec', 'template', 'spec'] },
  { kind: 'ScaledJob', apiGroup: 'keda.sh', path: ['spec', 'jobTargetRef', 'template', 'spec'] },
  { kind: 'Service', apiGroup: 'serving.knative.dev', path: ['spec', 'template', 'spec'] },
];

/** Argo Workflows kinds and where their WorkflowSpec is. */
const ARGO_WORKFLOW_SPECS: Record<string, string[]> = {
  Workflow: ['spec'],
  WorkflowTemplate: ['spec'],
  ClusterWorkflowTemplate: ['spec'],
  CronWorkflow: ['spec', 'workflowSpec'],
};

export const CONTAINER_LISTS: readonly ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

export function findKubernetesObjects(doc: Document.Parsed, extraPaths: readonly PodTemplatePath[] = []): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  collect(doc.contents, extraPaths, objects);
  return objects;
}

function collect(node: unknown, extraPaths: readonly PodTemplatePath[], out: KubernetesObject[]): void {
  const { isMap, isSeq } = yamlLibrary();
  if (!isMap(node)) return;
  const apiVersion = scalarString(node.get('apiVersion', true));
  const kind = scalarString(node.get('kind', true));
  if (!apiVersion || !kind) return;
  if (kind === 'List' || kind.endsWith('List')) {
    const items = node.get('items', true);
    if (isSeq(items)) for (const item of items.items) collect(item, extraPaths, out);
    return;
  }
  const metadata = mapAt(node, ['metadata']);
  const object: KubernetesObject = {
    node,
    apiVersion,
    kind,
    name: scalarString(metadata?.get('name', true)),
    metadata,
    podSpecs: [],
  };
  for (const path of podSpecPaths(apiVersion, kind, extraPaths)) {
    const spec = mapAt(node, path);
    if (!spec) continue;
    const templateMetadata = path.length === 1 ? metadata : mapAt(node, [...path.slice(0, -1), 'metadata']);
    object.podSpecs.push({ spec, path, metadata: templateMetadata, containers: containersOf(spec) });
  }
  if (apiVersion.startsWith('argoproj.io/') && ARGO_WORKFLOW_SPECS[kind]) object.podSpecs.push(...argoWorkflowPods(node, ARGO_WORKFLOW_SPECS[kind]));
  if (apiVersion.startsWith('tekton.dev/')) object.podSpecs.push(...tektonPods(node, kind, metadata));
  out.push(object);
}

function podSpecPaths(apiVersion: string, kind: string, extraPaths: readonly PodTemplatePath[]): string[][] {
  const paths: string[][] = [];
  const builtIn = BUILT_IN_PATHS[kind];
  if (builtIn && isCoreWorkloadGroup(apiVersion)) paths.push(builtIn);
  else if (TEMPLATE_WORKLOADS.has(kind) && isCoreWorkloadGroup(apiVersion)) paths.push(['spec', 'template', 'spec']);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  for (const extra of [...CUSTOM_RESOURCE_PATHS, ...extraPaths]) {
    if (extra.kind === kind && (extra.apiGroup === undefined || extra.apiGroup === group)) paths.push(extra.path);
  }
  return paths;
}

/**
 * Each Argo template that runs containers becomes a pod: `container`, `script` and
 * `containerSet.containers`, with `initContainers` and `sidecars`. Its pod-level settings are the
 * template's `securityContext` when it sets one (it replaces the workflow's), else the workflow
 * spec's (`securityContext`, `hostNetwork`, `volumes`, `automountServiceAccountToken`).
 */
function argoWorkflowPods(node: YAMLMap, specPath: string[]): PodSpecSite[] {
  const { isMap, isSeq } = yamlLibrary();
  const workflow = mapAt(node, specPath);
  const templates = workflow?.get('templates', true);
  if (!workflow || !isSeq(templates)) return [];
  // Templates without a securityContext of their own share the workflow's pod-level settings: one
  // site for all of them, so a pod-level finding (hostNetwork, volumes) is reported once.
  const shared: PodSpecSite = { spec: workflow, path: specPath, metadata: null, containers: [] };
  const sites: PodSpecSite[] = [shared];
  templates.items.forEach((template, index) => {
    if (!isMap(template)) return;
    const containers: ContainerSite[] = [];
    const add = (item: unknown, list: ContainerList): void => {
      if (isMap(item)) containers.push({ node: item, list, name: scalarString(item.get('name', true)) ?? scalarString(template.get('name', true)) });
    };
    add(template.get('container', true), 'containers');
    add(template.get('script', true), 'containers');
    for (const [key, list] of [['initContainers', 'initContainers'], ['sidecars', 'containers']] as const) {
      const seq = template.get(key, true);
      if (isSeq(seq)) for (const item of seq.items) add(item, list);
    }
    const set = mapAt(template, ['containerSet'])?.get('containers', true);
    if (isSeq(set)) for (const item of set.items) add(item, 'containers');
    if (containers.length === 0) return;
    if (isMap(template.get('securityContext', true))) {
      sites.push({ spec: template, path: [...specPath, 'templates', String(index)], metadata: mapAt(template, ['metadata']), containers });
    } else {
      shared.containers.push(...containers);
    }
  });
  return sites.filter((site) => site.containers.length > 0);
}

/** Core workloads live in `v1`, `apps/*`, `batch/*` (and the old `extensions/*`). */
export function isCoreWorkloadGroup(apiVersion: string): boolean {
  return apiVersion === 'v1' || /^(apps|batch|extensions)\//.test(apiVersion);
}

function containersOf(spec: YAMLMap): ContainerSite[] {
  const { isMap, isSeq } = yamlLibrary();
  const sites: ContainerSite[] = [];
  for (const list of CONTAINER_LISTS) {
    const seq = spec.get(list, true);
    if (!isSeq(seq)) continue;
    for (const item of (seq as YAMLSeq).items) {
      if (isMap(item)) sites.push({ node: item, list, name: scalarString(item.get('name', true)) });
    }
  }
  return sites;
}

/** The map at `path` under `node`, or null when any step is missing or not a map. */
export function mapAt(node: YAMLMap, path: readonly string[]): YAMLMap | null {
  const { isMap } = yamlLibrary();
  let current: unknown = node;
  for (const key of path) {
    if (!isMap(current)) return null;
    current = current.get(key, true);
  }
  return isMap(current) ? current : null;
}

/** The pair whose key is `key` in `map`, so rules can point at keys and values separately. */
export function pairOf(map: YAMLMap, key: string): Pair<YamlNode, YamlNode | null> | undefined {
  const { isScalar } = yamlLibrary();
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<YamlNode, YamlNode | null> | undefined;
}

export function scalarString(node: unknown): string | null {
  const { isScalar } = yamlLibrary();
  if (!isScalar(node)) return null;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
}

/** The scalar value of `key` in `map` (`true`, `'RuntimeDefault'`, `0`…), or undefined. */
export function scalarValue(map: YAMLMap | null, key: string): unknown {
  const { isScalar } = yamlLibrary();
  if (!map) return undefined;
  const node = map.get(key, true);
  return isScalar(node) ? node.value : node === undefined ? undefined : node;
}

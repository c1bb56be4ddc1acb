import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import { mapAt, scalarString, type ContainerSite, type PodSpecSite } from './objects';

/**
 * Tekton (tekton.dev) runs each Task as one pod: every step and sidecar is a container of it.
 * Where the Task's pods come from:
 *
 * - `Task`, `ClusterTask`: the TaskSpec at `spec`; `TaskRun`: an embedded `spec.taskSpec`;
 *   `Pipeline`: `spec.tasks[].taskSpec` and `spec.finally[].taskSpec`; `PipelineRun`: the same
 *   under `spec.pipelineSpec`.
 * - `stepTemplate` is merged into every step (not the sidecars) as Tekton merges it: a strategic
 *   merge of the step over the template, so maps merge key by key (`securityContext`,
 *   `computeResources`), `env` by name and `volumeMounts` by path, anything else the step sets wins.
 * - pod-level settings are not in the Task: they come from the run's `podTemplate`
 *   (`TaskRun.spec.podTemplate`, `PipelineRun.spec.taskRunTemplate.podTemplate` or the v1beta1
 *   `spec.podTemplate`) merged over the cluster's `default-pod-template` (config-defaults), which
 *   no file shows. So a pod-level setting set in a podTemplate is read, but one missing is never
 *   claimed (`unseen: 'pod'`); `TaskSpec.volumes` are the pod's volumes.
 *
 * The merged steps are new maps: an edit may replace a pair the step writes itself, and keys are
 * added to the step's own map; nothing is written into the stepTemplate through a step (it is
 * shared by every step), nor into a map that exists only as a merge (`editableMap`).
 */
export function tektonPods(node: YAMLMap, kind: string, metadata: YAMLMap | null): PodSpecSite[] {
  const taskSpecs = taskSpecsOf(node, kind);
  if (taskSpecs.length === 0) return [];
  const podTemplate = POD_TEMPLATE_PATHS[kind]?.map((path) => ({ path, map: mapAt(node, path) })).find((t) => t.map !== null);
  const perTask = taskSpecs.map(({ spec, path }) => ({ spec, path, containers: tektonContainers(spec) }));
  if (podTemplate?.map) {
    // One pod-level map for every task of the run: its findings are reported once.
    const sites: PodSpecSite[] = [{ spec: podTemplate.map, path: podTemplate.path, metadata, containers: perTask.flatMap((t) => t.containers), unseen: 'pod' }];
    for (const t of perTask) if (t.spec.has('volumes')) sites.push({ spec: t.spec, path: t.path, metadata, containers: [], unseen: 'pod' });
    return sites;
  }
  return perTask.filter((t) => t.containers.length > 0 || t.spec.has('volumes')).map((t) => ({ ...t, metadata: t.path.length > 1 ? mapAt(t.spec, ['metadata']) ?? metadata : metadata, unseen: 'pod' as const }));
}

const POD_TEMPLATE_PATHS: Record<string, string[][]> = {
  TaskRun: [['spec', 'podTemplate']],
  PipelineRun: [['spec', 'taskRunTemplate', 'podTemplate'], ['spec', 'podTemplate']],
};

/** The kinds a Tekton pod can come from (for rules that judge by kind). */
export const TEKTON_KINDS: ReadonlySet<string> = new Set(['Task', 'ClusterTask', 'TaskRun', 'Pipeline', 'PipelineRun']);

function taskSpecsOf(node: YAMLMap, kind: string): { spec: YAMLMap; path: string[] }[] {
  const { isMap, isSeq } = yamlLibrary();
  const one = (path: string[]): { spec: YAMLMap; path: string[] }[] => {
    const spec = mapAt(node, path);
    return spec ? [{ spec, path }] : [];
  };
  if (kind === 'Task' || kind === 'ClusterTask') return one(['spec']);
  if (kind === 'TaskRun') return one(['spec', 'taskSpec']);
  const pipelinePath = kind === 'Pipeline' ? ['spec'] : kind === 'PipelineRun' ? ['spec', 'pipelineSpec'] : null;
  const pipeline = pipelinePath ? mapAt(node, pipelinePath) : null;
  if (!pipeline || !pipelinePath) return [];
  const found: { spec: YAMLMap; path: string[] }[] = [];
  for (const list of ['tasks', 'finally']) {
    const seq = pipeline.get(list, true);
    if (!isSeq(seq)) continue;
    seq.items.forEach((task, index) => {
      const spec = isMap(task) ? mapAt(task, ['taskSpec']) : null;
      // A custom task (`taskSpec: {apiVersion, kind, spec}`) runs no steps of Tekton's.
      if (spec && !spec.has('kind')) found.push({ spec, path: [...pipelinePath, list, String(index), 'taskSpec'] });
    });
  }
  return found;
}

function tektonContainers(taskSpec: YAMLMap): ContainerSite[] {
  const { isMap, isSeq } = yamlLibrary();
  const template = mapAt(taskSpec, ['stepTemplate']);
  if (template) markShared(template);
  const sites: ContainerSite[] = [];
  for (const [key, role, prefix] of [['steps', 'Step', 'step-'], ['sidecars', 'Sidecar', 'sidecar-']] as const) {
    const seq = taskSpec.get(key, true);
    if (!isSeq(seq)) continue;
    seq.items.forEach((item, index) => {
      if (!isMap(item)) return;
      const name = scalarString(item.get('name', true));
      const node = key === 'steps' && template && template.items.length > 0 ? mergeOver(template, item) : item;
      sites.push({ node, list: 'containers', name, role, podName: `${prefix}${name ?? `unnamed-${index}`}` });
    });
  }
  return sites;
}

/** Patch keys of the list fields a strategic merge of a Container merges item by item. */
const LIST_MERGE_KEYS: Record<string, string> = { env: 'name', volumeMounts: 'mountPath', volumeDevices: 'devicePath', ports: 'containerPort' };

/** Maps that exist only as a merge, each with the step's own map it stands for. */
const mergedFrom = new WeakMap<object, YAMLMap>();
/** Nodes of a stepTemplate: shared by every step, never edited through one. */
const shared = new WeakSet<object>();

function mergeOver(base: YAMLMap, over: YAMLMap): YAMLMap {
  const { YAMLMap: MapNode, Pair: PairNode, isMap, isSeq } = yamlLibrary();
  const merged = new MapNode();
  merged.range = over.range;
  merged.flow = over.flow;
  const own = new Set<string>();
  for (const pair of over.items) {
    const key = scalarString(pair.key);
    // Tekton merges Go structs: a field written empty is omitted, so the template's value stays.
    if (key === null || isEmpty(pair.value)) continue;
    own.add(key);
    const from = base.items.find((p) => scalarString(p.key) === key)?.value;
    const mergeKey = LIST_MERGE_KEYS[key];
    if (isMap(from) && isMap(pair.value)) merged.items.push(new PairNode(pair.key, mergeOver(from, pair.value)));
    else if (mergeKey && isSeq(from) && isSeq(pair.value)) merged.items.push(new PairNode(pair.key, mergeList(from, pair.value, mergeKey)));
    else merged.items.push(pair);
  }
  for (const pair of base.items) {
    const key = scalarString(pair.key);
    if (key !== null && !own.has(key) && !isEmpty(pair.value)) merged.items.push(pair);
  }
  mergedFrom.set(merged, over);
  return merged;
}

function mergeList(base: YAMLSeq, over: YAMLSeq, mergeKey: string): YAMLSeq {
  const { YAMLSeq: SeqNode, isMap } = yamlLibrary();
  const keyOf = (item: unknown): string | null => (isMap(item) ? scalarString(item.get(mergeKey, true)) : null);
  const merged = new SeqNode();
  merged.range = over.range;
  merged.flow = over.flow;
  const overKeys = new Set(over.items.map(keyOf).filter((k): k is string => k !== null));
  for (const item of base.items) if (!overKeys.has(keyOf(item) ?? '\u0000')) merged.items.push(item);
  for (const item of over.items) {
    const from = base.items.find((b) => keyOf(b) !== null && keyOf(b) === keyOf(item));
    merged.items.push(isMap(from) && isMap(item) ? mergeOver(from, item) : item);
  }
  mergedFrom.set(merged, over as unknown as YAMLMap);
  return merged;
}

function isEmpty(value: unknown): boolean {
  const { isScalar } = yamlLibrary();
  return value === null || value === undefined || (isScalar(value) && value.value === null);
}

function markShared(template: YAMLMap): void {
  yamlLibrary().visit(template, {
    Node(_, node) {
      shared.add(node);
    },
    Pair(_, pair) {
      shared.add(pair);
    },
  });
  shared.add(template);
}

/**
 * The map an edit of `node` must write into: the step's own map for a merged one, null for a
 * stepTemplate's (editing it through one step would change every step), else `node` itself.
 */
export function editableMap<T extends YAMLMap | YAMLSeq>(node: T): T | null {
  if (shared.has(node)) return null;
  return (mergedFrom.get(node) as T | undefined) ?? node;
}

/** Whether a pair's value can be replaced in place: not a stepTemplate's, nor a merge. */
export function editablePair(pair: Pair): boolean {
  const value = pair.value as YamlNode | null;
  return !shared.has(pair) && !(value && (shared.has(value) || mergedFrom.has(value)));
}

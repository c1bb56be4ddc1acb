import type { Pair, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import { editableMap, markShared, recordMerge } from './mergedNodes';
import { mapAt, scalarString, type ContainerSite, type PodSpecSite } from './objects';
import { runSettingsOf, type TaskRunSettings } from './tektonRuns';

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
 *   claimed (`unseen: 'pod'`); `TaskSpec.volumes` are the pod's volumes. A PipelineRun's
 *   `taskRunSpecs[].podTemplate` is merged over the run's for its task, and a run's `stepSpecs`,
 *   `sidecarSpecs` and task-level `computeResources` over the containers' resources (tektonRuns.ts).
 *
 * The merged steps are new maps: an edit may replace a pair the step writes itself, and keys are
 * added to the step's own map; nothing is written into the stepTemplate through a step (it is
 * shared by every step), nor into a map that exists only as a merge (`editableMap`).
 */
export function tektonPods(node: YAMLMap, kind: string, metadata: YAMLMap | null): PodSpecSite[] {
  const run = runSettingsOf(node, kind);
  const perTask = tektonTaskSpecs(node, kind).map((t) => {
    const settings = run.forTask(t.task);
    return { ...t, settings, containers: tektonContainers(t.spec, settings) };
  });
  const sites: PodSpecSite[] = [];
  const site = (spec: YAMLMap, path: string[], containers: ContainerSite[], meta = metadata): PodSpecSite => ({ spec, path, metadata: meta, containers, unseen: 'pod' });
  // One site per pod template, so that a pod-level finding is reported once for every task that
  // gets it (and even when no task is inline: a pipelineRef's tasks get it too); the tasks' own
  // `volumes` are pod volumes beside it.
  if (run.shared) sites.push(site(run.shared.map, run.shared.path, perTask.filter((t) => !t.settings.podTemplate?.own).flatMap((t) => t.containers)));
  for (const own of run.ownTemplates) sites.push(site(own.map, own.path, perTask.filter((t) => t.task === own.task).flatMap((t) => t.containers)));
  for (const t of perTask) {
    if (t.settings.podTemplate) {
      if (t.spec.has('volumes')) sites.push(site(t.spec, t.path, []));
    } else if (t.containers.length > 0 || t.spec.has('volumes')) {
      sites.push(site(t.spec, t.path, t.containers, t.path.length > 1 ? mapAt(t.spec, ['metadata']) ?? metadata : metadata));
    }
  }
  return sites;
}

/** The kinds a Tekton pod can come from (for rules that judge by kind). */
export const TEKTON_KINDS: ReadonlySet<string> = new Set(['Task', 'ClusterTask', 'TaskRun', 'Pipeline', 'PipelineRun']);

/** A task's spec, with its pipeline task's name (for a run's taskRunSpecs) when it has one. */
export interface TaskSpecSite {
  spec: YAMLMap;
  path: string[];
  task: string | null;
}

export function tektonTaskSpecs(node: YAMLMap, kind: string): TaskSpecSite[] {
  const { isMap, isSeq } = yamlLibrary();
  const one = (path: string[]): TaskSpecSite[] => {
    const spec = mapAt(node, path);
    return spec ? [{ spec, path, task: null }] : [];
  };
  if (kind === 'Task' || kind === 'ClusterTask') return one(['spec']);
  if (kind === 'TaskRun') return one(['spec', 'taskSpec']);
  const pipelinePath = kind === 'Pipeline' ? ['spec'] : kind === 'PipelineRun' ? ['spec', 'pipelineSpec'] : null;
  const pipeline = pipelinePath ? mapAt(node, pipelinePath) : null;
  if (!pipeline || !pipelinePath) return [];
  const found: TaskSpecSite[] = [];
  for (const list of ['tasks', 'finally']) {
    const seq = pipeline.get(list, true);
    if (!isSeq(seq)) continue;
    seq.items.forEach((task, index) => {
      const spec = isMap(task) ? mapAt(task, ['taskSpec']) : null;
      // A custom task (`taskSpec: {apiVersion, kind, spec}`) runs no steps of Tekton's.
      if (spec && !spec.has('kind')) found.push({ spec, path: [...pipelinePath, list, String(index), 'taskSpec'], task: scalarString((task as YAMLMap).get('name', true)) });
    });
  }
  return found;
}

export function tektonContainers(taskSpec: YAMLMap, run: TaskRunSettings): ContainerSite[] {
  const { isMap, isSeq } = yamlLibrary();
  const template = mapAt(taskSpec, ['stepTemplate']);
  if (template) markShared(template);
  const sites: ContainerSite[] = [];
  for (const [key, role, prefix] of [['steps', 'Step', 'step-'], ['sidecars', 'Sidecar', 'sidecar-']] as const) {
    const seq = taskSpec.get(key, true);
    if (!isSeq(seq)) continue;
    const overrides = key === 'steps' ? run.stepSpecs : run.sidecarSpecs;
    seq.items.forEach((item, index) => {
      if (!isMap(item)) return;
      const name = scalarString(item.get('name', true));
      let node = key === 'steps' && template && template.items.length > 0 ? mergeOver(template, item) : item;
      const override = name === null ? undefined : overrides.find((o) => scalarString(o.get('name', true)) === name);
      const overridden = override ? mergedResources(node, override) : null;
      if (overridden) node = withResources(node, item, overridden);
      const taskLevel = key === 'steps' && run.computeResources ? taskLevelResources(run.computeResources) : null;
      if (taskLevel) node = withResources(node, item, taskLevel);
      const site: ContainerSite = { node, list: 'containers', name, role, podName: `${prefix}${name ?? `unnamed-${index}`}` };
      sites.push(taskLevel ? { ...site, resourcesFrom: "the run's computeResources (they replace every step's own)" } : site);
    });
  }
  return sites;
}

/** The resource keys of a step or an override: v1 `computeResources`, v1beta1 `resources`. */
const RESOURCE_KEYS = ['computeResources', 'resources'];

function resourcesPair(map: YAMLMap): Pair | undefined {
  return map.items.find((p) => RESOURCE_KEYS.includes(scalarString(p.key) ?? ''));
}

/** A stepSpec's or sidecarSpec's resources merged over the container's own (the override's keys win). */
function mergedResources(container: YAMLMap, override: YAMLMap): Pair | null {
  const { Pair: PairNode, isMap } = yamlLibrary();
  const mine = resourcesPair(container);
  const theirs = resourcesPair(override);
  if (!theirs || !isMap(theirs.value)) return null;
  if (!mine || !isMap(mine.value)) return theirs;
  return new PairNode(mine.key, mergeOver(mine.value, theirs.value));
}

/**
 * `computeResources` of a run, as every step gets it: the run's limits, and its requests or, when
 * it sets none, its limits (Tekton splits them between the steps; Kubernetes would default
 * requests to limits anyway). Null when it sets neither.
 */
function taskLevelResources(resources: YAMLMap): Pair | null {
  const { YAMLMap: MapNode, Pair: PairNode, Scalar, isMap } = yamlLibrary();
  const part = (key: string): YAMLMap | null => {
    const value = resources.get(key, true);
    return isMap(value) && value.items.length > 0 ? value : null;
  };
  const requests = part('requests');
  const limits = part('limits');
  if (!requests && !limits) return null;
  const merged = new MapNode();
  merged.range = resources.range;
  if (requests ?? limits) merged.items.push(new PairNode(new Scalar('requests'), requests ?? limits));
  if (limits) merged.items.push(new PairNode(new Scalar('limits'), limits));
  recordMerge(merged, resources);
  return new PairNode(new Scalar('computeResources'), merged);
}

/** `container` with its resources replaced by `resources`; edits of it still go to the step's own map. */
function withResources(container: YAMLMap, own: YAMLMap, resources: Pair): YAMLMap {
  const { YAMLMap: MapNode } = yamlLibrary();
  const copy = new MapNode();
  copy.range = container.range;
  copy.flow = container.flow;
  copy.items = [...container.items.filter((p) => !RESOURCE_KEYS.includes(scalarString(p.key) ?? '')), resources];
  recordMerge(copy, editableMap(container) ?? own);
  return copy;
}

/** Patch keys of the list fields a strategic merge of a Container merges item by item. */
const LIST_MERGE_KEYS: Record<string, string> = { env: 'name', volumeMounts: 'mountPath', volumeDevices: 'devicePath', ports: 'containerPort' };

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
  recordMerge(merged, over);
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
  recordMerge(merged, over);
  return merged;
}

function isEmpty(value: unknown): boolean {
  const { isScalar } = yamlLibrary();
  return value === null || value === undefined || (isScalar(value) && value.value === null);
}

import type { YAMLMap, YAMLSeq } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import { recordMerge } from './mergedNodes';
import { mapAt, scalarString } from './objects';

/**
 * What a Tekton run (TaskRun, PipelineRun) sets for the pod of one of its tasks, as the controller
 * applies it (tektoncd/pipeline: `PipelineRun.GetTaskRunSpec`, `pod.MergePodTemplateWithDefault`,
 * `MergeStepsWithSpecs`, `tasklevel.ApplyTaskLevelComputeResources`):
 *
 * - the pod template: `TaskRun.spec.podTemplate`; for a PipelineRun `spec.taskRunTemplate.podTemplate`
 *   (v1beta1 `spec.podTemplate`), over which a `spec.taskRunSpecs[]` entry's own `podTemplate`
 *   (v1beta1 `taskPodTemplate`) for that pipeline task is merged field by field: a field it sets
 *   wins whole (`securityContext` is replaced, not merged), `env` and `volumes` merge by name,
 *   and `hostNetwork` is true when either sets it;
 * - `stepSpecs[]` / `sidecarSpecs[]` (v1beta1 `stepOverrides` / `sidecarOverrides`): resource
 *   overrides merged over the named step's or sidecar's own;
 * - `computeResources` (task level): every step's limits become the task's limits and its requests
 *   the task's requests (its limits when it sets no requests), split between the steps; sidecars
 *   keep their own.
 */
export interface TaskRunSettings {
  /** The pod template this task's pod gets, or null; `own` when a taskRunSpec's is merged in. */
  podTemplate: { map: YAMLMap; path: string[]; own: boolean } | null;
  stepSpecs: YAMLMap[];
  sidecarSpecs: YAMLMap[];
  computeResources: YAMLMap | null;
}

export interface RunSettings {
  /** The run-level pod template, every task's unless its taskRunSpec has one. */
  shared: { map: YAMLMap; path: string[] } | null;
  /** A PipelineRun's taskRunSpecs with a pod template of their own, merged: each is a pod of its own. */
  ownTemplates: { task: string; map: YAMLMap; path: string[] }[];
  forTask(pipelineTaskName: string | null): TaskRunSettings;
}

const NO_SETTINGS: TaskRunSettings = { podTemplate: null, stepSpecs: [], sidecarSpecs: [], computeResources: null };

/** The run-level pod template's paths, newest API first. */
export const RUN_POD_TEMPLATE_PATHS: Record<string, string[][]> = {
  TaskRun: [['spec', 'podTemplate']],
  PipelineRun: [['spec', 'taskRunTemplate', 'podTemplate'], ['spec', 'podTemplate']],
};

export function runSettingsOf(node: YAMLMap, kind: string): RunSettings {
  const sharedPath = RUN_POD_TEMPLATE_PATHS[kind]?.find((path) => mapAt(node, path) !== null);
  const sharedMap = sharedPath ? mapAt(node, sharedPath) : null;
  const shared = sharedMap && sharedPath ? { map: sharedMap, path: sharedPath } : null;
  const base = { podTemplate: shared ? { ...shared, own: false } : null };
  if (kind === 'TaskRun') {
    const spec = mapAt(node, ['spec']);
    const settings: TaskRunSettings = spec ? { ...base, ...overridesOf(spec) } : { ...NO_SETTINGS, ...base };
    return { shared, ownTemplates: [], forTask: () => settings };
  }
  if (kind !== 'PipelineRun') return { shared: null, ownTemplates: [], forTask: () => NO_SETTINGS };
  const { isMap, isSeq } = yamlLibrary();
  const perTask = new Map<string, TaskRunSettings>();
  const ownTemplates: RunSettings['ownTemplates'] = [];
  const specs = mapAt(node, ['spec'])?.get('taskRunSpecs', true);
  if (isSeq(specs)) {
    specs.items.forEach((item, index) => {
      const task = isMap(item) ? scalarString(item.get('pipelineTaskName', true)) : null;
      if (!isMap(item) || task === null) return;
      const key = ['podTemplate', 'taskPodTemplate'].find((k) => mapAt(item, [k]) !== null);
      const own = key ? mapAt(item, [key]) : null;
      let podTemplate = base.podTemplate;
      if (own && key) {
        const path = ['spec', 'taskRunSpecs', String(index), key];
        const map = shared ? mergePodTemplate(own, shared.map) : own;
        podTemplate = { map, path, own: true };
        ownTemplates.push({ task, map, path });
      }
      perTask.set(task, { podTemplate, ...overridesOf(item) });
    });
  }
  return { shared, ownTemplates, forTask: (name) => (name !== null ? perTask.get(name) : undefined) ?? { ...NO_SETTINGS, ...base } };
}

function overridesOf(spec: YAMLMap): Omit<TaskRunSettings, 'podTemplate'> {
  const { isMap, isSeq } = yamlLibrary();
  const items = (...keys: string[]): YAMLMap[] => {
    const seq = keys.map((k) => spec.get(k, true)).find(isSeq) as YAMLSeq | undefined;
    return seq ? seq.items.filter(isMap) : [];
  };
  return { stepSpecs: items('stepSpecs', 'stepOverrides'), sidecarSpecs: items('sidecarSpecs', 'sidecarOverrides'), computeResources: mapAt(spec, ['computeResources']) };
}

/** Pod template fields merged by name rather than replaced. */
const BY_NAME = new Set(['env', 'volumes']);

/** `MergePodTemplateWithDefault(over, base)`: a new map, its pairs the templates' own nodes. */
function mergePodTemplate(over: YAMLMap, base: YAMLMap): YAMLMap {
  const { YAMLMap: MapNode, YAMLSeq: SeqNode, Pair: PairNode, isSeq, isScalar } = yamlLibrary();
  const merged = new MapNode();
  merged.range = over.range;
  merged.flow = over.flow;
  const set = (pair: { value: unknown } | undefined): boolean => pair !== undefined && pair.value !== null && !(isScalar(pair.value) && pair.value.value === null);
  const keys = new Set([...over.items, ...base.items].map((p) => scalarString(p.key)).filter((k): k is string => k !== null));
  for (const key of keys) {
    const mine = over.items.find((p) => scalarString(p.key) === key);
    const theirs = base.items.find((p) => scalarString(p.key) === key);
    const mineSet = set(mine);
    if (BY_NAME.has(key) && mineSet && set(theirs) && isSeq(mine?.value) && isSeq(theirs?.value)) {
      const list = new SeqNode();
      list.range = mine.value.range;
      const names = new Set(mine.value.items.map(nameOf));
      list.items.push(...theirs.value.items.filter((i) => !names.has(nameOf(i))), ...mine.value.items);
      merged.items.push(new PairNode(mine.key, list));
    } else if (key === 'hostNetwork' && theirs && isScalar(theirs.value) && theirs.value.value === true) {
      merged.items.push(theirs);
    } else if (mineSet && mine) merged.items.push(mine);
    else if (set(theirs) && theirs) merged.items.push(theirs);
  }
  recordMerge(merged, over);
  return merged;
}

function nameOf(item: unknown): string | null {
  const { isMap } = yamlLibrary();
  return isMap(item) ? scalarString(item.get('name', true)) : null;
}

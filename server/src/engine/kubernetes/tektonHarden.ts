import type { YAMLMap } from 'yaml';
import type { YamlDocumentContext } from '../rule';
import { editableMap, unmarkShared } from './mergedNodes';
import { mapAt, type ContainerSite, type KubernetesObject } from './objects';
import { inUserNamespace, securityContextOf } from './podSecurity';
import { containerProfile, podProfile, privilegedKeyOffset, type HardenTarget, type ProfileOptions } from './restrictedProfile';
import { tektonContainers, tektonTaskSpecs } from './tekton';
import { RUN_POD_TEMPLATE_PATHS, runSettingsOf } from './tektonRuns';
import { map, mergeEditsInto, type DesiredEntry } from './yamlMerge';

/** Said in the title when the object is not a run: the pod's own settings are not in this file. */
export const TEKTON_POD_LEVEL_NOTE = "steps and sidecars; pod-level settings belong to the run's podTemplate";

/**
 * "Harden this workload" on a Tekton Task, ClusterTask, Pipeline, TaskRun or PipelineRun, written
 * where Tekton reads it:
 *
 * - Steps: into the stepTemplate's `securityContext` when the Task has a stepTemplate, or when two
 *   or more steps need the change: one place says it for every step, and a step added later gets
 *   it too. A step's own `securityContext` wins over the template key by key, so a step that
 *   writes a key the profile wants otherwise (`allowPrivilegeEscalation: true`, its own
 *   `capabilities.drop`) is edited itself. A step kept privileged on purpose (its
 *   privileged-container finding ignored) cannot take the template's
 *   `allowPrivilegeEscalation: false` (the API server rejects the pair), so then every step is
 *   edited on its own, as is a Task's only step without a template.
 * - Sidecars (no template applies to them): each on its own.
 * - Pod level: a run's podTemplate (`TaskRun.spec.podTemplate`, `PipelineRun.spec.taskRunTemplate
 *   .podTemplate`, v1beta1 `spec.podTemplate`), made when missing, and every `taskRunSpecs[]`
 *   podTemplate that has a securityContext of its own (it replaces the run's for its task). A
 *   Task or Pipeline has no pod level: its containers get `runAsNonRoot` and `seccompProfile`
 *   themselves, and the title says that the rest belongs to the run's podTemplate.
 *
 * The containers come first in the targets, then the templates and the pod level: their inserts
 * may meet at the end of a map, and the deeper one goes first.
 */
export function tektonHardenTargets(object: KubernetesObject, context: YamlDocumentContext, readOnly: boolean, keepsPrivileged: (offset: number) => boolean): { targets: HardenTarget[]; note: string | null } {
  const run = runSettingsOf(object.node, object.kind);
  const isRun = object.kind in RUN_POD_TEMPLATE_PATHS;
  const containerTargets: HardenTarget[] = [];
  const templateTargets: HardenTarget[] = [];
  for (const task of tektonTaskSpecs(object.node, object.kind)) {
    const settings = run.forTask(task.task);
    const options = { windows: false, userNamespace: settings.podTemplate ? inUserNamespace(settings.podTemplate.map) : false, readOnly, podLevelHere: !isRun };
    const containers = tektonContainers(task.spec, settings);
    const optionsFor = (c: ContainerSite): ProfileOptions => {
      const privileged = privilegedKeyOffset(c.node);
      return { ...options, staysPrivileged: privileged !== null && keepsPrivileged(privileged) };
    };
    const ownTarget = (c: ContainerSite, entries: readonly DesiredEntry[]): HardenTarget => [editableMap(c.node) ?? c.node, [['securityContext', map(...entries)]]];
    const steps = containers.filter((c) => c.role === 'Step');
    const template = mapAt(task.spec, ['stepTemplate']);
    const needing = steps.filter((c) => (mergeEditsInto(context, [ownTarget(c, containerProfile(c.node, optionsFor(c)))]) ?? []).length > 0);
    const useTemplate = !steps.some((c) => optionsFor(c).staysPrivileged) && (template !== null || needing.length >= 2);
    if (useTemplate) {
      if (template) unmarkShared(template);
      templateTargets.push([task.spec, [['stepTemplate', map(['securityContext', map(...containerProfile(template, { ...options, staysPrivileged: false }))])]]]);
      for (const step of steps) {
        const own = editableMap(step.node) ?? step.node;
        const ownSc = securityContextOf(own);
        if (!ownSc) continue;
        // Only what the step writes itself: the rest comes from the template.
        const entries = containerProfile(own, optionsFor(step)).filter(([key]) => ownSc.has(key) && (key !== 'capabilities' || mapAt(ownSc, ['capabilities'])?.has('drop') === true));
        if (entries.length > 0) containerTargets.push(ownTarget(step, entries));
      }
    } else {
      for (const step of steps) containerTargets.push(ownTarget(step, containerProfile(step.node, optionsFor(step))));
    }
    for (const sidecar of containers.filter((c) => c.role === 'Sidecar')) containerTargets.push(ownTarget(sidecar, containerProfile(sidecar.node, optionsFor(sidecar))));
  }
  if (!isRun) return { targets: [...containerTargets, ...templateTargets], note: TEKTON_POD_LEVEL_NOTE };
  return { targets: [...containerTargets, ...templateTargets, ...podTemplateTargets(object, run)], note: null };
}

function podTemplateTargets(object: KubernetesObject, run: ReturnType<typeof runSettingsOf>): HardenTarget[] {
  const targets: HardenTarget[] = [];
  const profile = (template: YAMLMap | null): DesiredEntry[] => [['securityContext', map(...podProfile(template, { windows: false, userNamespace: template ? inUserNamespace(template) : false }))]];
  for (const own of run.ownTemplates) {
    const written = editableMap(own.map) ?? own.map;
    if (written.has('securityContext')) targets.push([written, profile(own.map)]);
  }
  if (run.shared) return [...targets, [run.shared.map, profile(run.shared.map)]];
  // No run-level template yet: made at the path the object's API version reads.
  const spec = mapAt(object.node, ['spec']);
  if (!spec) return targets;
  const podTemplate: DesiredEntry = ['podTemplate', map(...profile(null))];
  const v1PipelineRun = object.kind === 'PipelineRun' && !object.apiVersion.endsWith('/v1beta1');
  return [...targets, [spec, [v1PipelineRun ? ['taskRunTemplate', map(podTemplate)] : podTemplate]]];
}

import { mapAt, scalarValue } from '../../kubernetes/objects';
import { absenceIsCertain, containerAnchor, containerOf, podSpecs } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

const WANTED = [
  ['requests', 'cpu'],
  ['requests', 'memory'],
  ['limits', 'cpu'],
  ['limits', 'memory'],
] as const;

/**
 * A container without CPU and memory requests and limits can starve its neighbours or be killed
 * first under pressure. Ephemeral containers cannot have resources and are not checked. No fix:
 * numbers are the author's to choose, never guessed.
 */
export default defineRule({
  meta: {
    id: 'resources-unset',
    title: 'Container has no CPU or memory requests and limits',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'resources',
    refs: {
      trivy: ['KSV-0011', 'KSV-0015', 'KSV-0016', 'KSV-0018'],
      polaris: ['cpuRequestsMissing', 'memoryRequestsMissing', 'cpuLimitsMissing', 'memoryLimitsMissing'],
      kubeScore: ['container-resources'],
      kubeLinter: ['unset-cpu-requirements', 'unset-memory-requirements'],
      checkov: ['CKV_K8S_10', 'CKV_K8S_11', 'CKV_K8S_12', 'CKV_K8S_13'],
    },
    fixable: false,
    rationale:
      'Requests tell the scheduler what a container needs; limits cap what it may take. Without a memory limit one leaking or compromised container can push the node into out-of-memory kills of its neighbours; without requests the pod is "BestEffort" and the first to be evicted; without a CPU limit a busy loop (a cryptominer, say) takes every idle core. Set `resources.requests` and `resources.limits` for CPU and memory on every container and init container, from measurements.',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {cpu: 100m, memory: 128Mi}\n        limits: {cpu: 500m, memory: 256Mi}\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      for (const container of site.containers) {
        if (container.list === 'ephemeralContainers' || !absenceIsCertain(site, 'container')) continue;
        // Tekton's v1 steps and sidecars call it computeResources (v1beta1 ones, resources); a run's
        // stepSpecs, sidecarSpecs and task-level computeResources are already merged in (tekton.ts).
        const resources = container.role && !container.node.has('resources') ? 'computeResources' : 'resources';
        const missing = WANTED.filter(([kind, resource]) => {
          const value = scalarValue(mapAt(container.node, [resources, kind]), resource);
          return value === undefined || value === null || value === '';
        }).map(([kind, resource]) => `${kind}.${resource}`);
        if (missing.length === 0) continue;
        context.report({
          range: containerAnchor(context, container.node),
          message: `${containerOf(container, object)} ${container.resourcesFrom ? `gets no ${missing.join(', ')} from ${container.resourcesFrom}` : `sets no ${missing.join(', ')} in ${resources}`}, so it can take what its neighbours need (or be evicted first)`,
        });
      }
    }
  },
});

import { pairOf } from '../../kubernetes/objects';
import { absenceIsCertain, containerAnchor, containerOf, podSpecs } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

/** Kinds whose pods run to completion: a readiness or liveness probe means little there. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob', 'ScaledJob', 'Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow', 'Task', 'ClusterTask', 'TaskRun', 'Pipeline', 'PipelineRun']);

/**
 * A long-running container without a readiness probe gets traffic before it can answer; without
 * a liveness probe a hung process is never restarted. Init and ephemeral containers cannot have
 * them, and pods that run to completion (Jobs, workflows) do not need them.
 */
export default defineRule({
  meta: {
    id: 'probes-missing',
    title: 'Container has no readiness or liveness probe',
    defaultSeverity: 'info',
    appliesTo: 'kubernetes',
    category: 'hygiene',
    profile: 'strict',
    refs: {
      polaris: ['readinessProbeMissing', 'livenessProbeMissing'],
      kubeScore: ['pod-probes'],
      kubeLinter: ['no-readiness-probe', 'no-liveness-probe'],
      checkov: ['CKV_K8S_8', 'CKV_K8S_9'],
    },
    fixable: false,
    rationale:
      'Without a `readinessProbe`, a Service sends requests to a pod as soon as its process starts, before it has loaded its configuration or opened its connections, and keeps sending them while it is overloaded; without a `livenessProbe`, a process that deadlocks stays in rotation until someone notices. Both are needed for rolling updates to stop on a broken release. Give every long-running container a readiness probe and a liveness probe that checks the process itself (not its dependencies, or one slow database restarts everything). Jobs, CronJobs and workflow steps run to completion and are not checked; init and ephemeral containers cannot have probes. Strict profile.',
    compliant: {
      fileName: 'deploy.yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n          livenessProbe:\n            httpGet: {path: /healthz, port: 8080}\n',
    },
    nonCompliant: {
      fileName: 'deploy.yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      if (RUN_TO_COMPLETION.has(object.kind) || !absenceIsCertain(site, 'container')) continue;
      for (const container of site.containers) {
        if (container.list !== 'containers') continue;
        const missing = ['readinessProbe', 'livenessProbe'].filter((key) => !pairOf(container.node, key));
        if (missing.length === 0) continue;
        context.report({
          range: containerAnchor(context, container.node),
          message: `${containerOf(container, object)} has no ${missing.join(' and no ')}: ${missing.includes('readinessProbe') ? 'it gets traffic before it can answer' : 'a hung process is never restarted'}`,
        });
      }
    }
  },
});

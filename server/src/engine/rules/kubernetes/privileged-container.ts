import { pairOf } from '../../kubernetes/objects';
import { admissionMessage, containerOf, podSpecs, quotedContainer, securityContextOf } from '../../kubernetes/podSecurity';
import { setSecurityContextKey } from '../../kubernetes/securityContextEdits';
import { defineRule } from '../../rule';

/**
 * A privileged container gets every capability and all host devices: it is root on the node.
 * Pod Security Standards (baseline) forbid `securityContext.privileged: true` on every kind of
 * container; the field has no pod-level counterpart.
 */
export default defineRule({
  meta: {
    id: 'privileged-container',
    title: 'Container runs privileged',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      pss: [{ level: 'baseline', control: 'privileged' }],
      trivy: ['KSV-0017'],
      polaris: ['runAsPrivileged'],
      kubeScore: ['container-security-context-privileged'],
      kubeLinter: ['privileged-container'],
      checkov: ['CKV_K8S_16'],
    },
    fixable: true,
    rationale:
      'A privileged container runs with all Linux capabilities and access to every host device, so a compromise of the process is a compromise of the node. The Pod Security Standards forbid it at the baseline level for containers, init containers and ephemeral containers alike. Grant the one capability the workload needs instead.',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: false\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      for (const container of site.containers) {
        const securityContext = securityContextOf(container.node);
        const pair = securityContext ? pairOf(securityContext, 'privileged') : undefined;
        if (!pair || !pair.value || (pair.value as { value?: unknown }).value !== true) continue;
        context.report({
          range: context.rangeOfPair(pair),
          message: admissionMessage(context, `${containerOf(container, object)} runs privileged`, 'privileged', `${quotedContainer(container)} must not set securityContext.privileged=true`),
          fix: { title: 'Set privileged: false', edits: setSecurityContextKey(context, container.node, 'privileged', 'false') },
        });
      }
    }
  },
});

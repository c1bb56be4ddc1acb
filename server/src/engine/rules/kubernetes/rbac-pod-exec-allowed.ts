import { coversGroup, grantedVerbs, inWords, policyRules, resourceEntries, roleLabel, scopeOf, SHELL_RESOURCES } from '../../kubernetes/rbac';
import { defineRule } from '../../rule';

/** Exec, attach and the node proxy (what each opens, and its verbs: `SHELL_RESOURCES`). */
export default defineRule({
  meta: {
    id: 'rbac-pod-exec-allowed',
    title: 'RBAC rule allows exec or attach into pods, or the node proxy',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      trivy: ['KSV-0053', 'KSV-0054', 'KSV-0047'],
      polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'],
      checkov: ['CKV2_K8S_2'],
    },
    fixable: false,
    rationale:
      "Exec and attach give a shell in a running container, with its files, its environment (secrets included) and its service account token; `nodes/proxy` reaches the kubelet API directly, which can run commands in every pod on the node without passing through admission control or the API server's audit of exec. Interactive access belongs to people through short-lived, audited grants, not to workloads' service accounts or broad roles.",
    compliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: pod-reader\nrules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/log"]\n    verbs: ["get", "list"]\n',
    },
    nonCompliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debugger\nrules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/exec"]\n    verbs: ["get", "create"]\n',
    },
  },
  check(context) {
    for (const rule of policyRules(context)) {
      if (!coversGroup(rule, '')) continue;
      for (const { resource, what, verbs } of SHELL_RESOURCES) {
        // Written entries only: `*` resources are the wildcard rule's finding.
        const [entry] = resourceEntries(rule, resource).filter((e) => e.value !== '*');
        const granted = grantedVerbs(rule, verbs);
        if (!entry || granted.length === 0) continue;
        context.report({
          range: context.rangeOf(entry.node),
          message: `${roleLabel(rule.object)} grants ${inWords(granted)} on ${resource} ${scopeOf(rule.object)}: its subjects can ${what}`,
        });
      }
    }
  },
});

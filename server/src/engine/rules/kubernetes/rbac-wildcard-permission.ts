import { inWords, policyRules, roleLabel, scopeOf } from '../../kubernetes/rbac';
import { defineRule } from '../../rule';

/**
 * `*` in a Role's verbs, resources or API groups grants what exists today and whatever is added
 * later (a CRD, a new subresource). One finding per rule, on its first wildcard in the text.
 */
export default defineRule({
  meta: {
    id: 'rbac-wildcard-permission',
    title: 'RBAC rule grants a wildcard',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      trivy: ['KSV-0044', 'KSV-0045', 'KSV-0046', 'KSV-0112'],
      kubeLinter: ['wildcard-in-rules'],
      checkov: ['CKV_K8S_49'],
    },
    fixable: false,
    rationale:
      'A wildcard in `verbs`, `resources` or `apiGroups` grants every action, resource or API group the cluster has, including those installed later by a custom resource definition or a new Kubernetes version. What the role allows can then not be read from the role, and it usually includes reading Secrets, exec into pods and editing RBAC itself. List the verbs and resources the workload uses.',
    compliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "list"]\n',
    },
    nonCompliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: ["*"]\n    verbs: ["get", "list"]\n',
    },
  },
  check(context) {
    for (const rule of policyRules(context)) {
      const lists = [['verbs', rule.verbs], ['resources', rule.resources], ['apiGroups', rule.apiGroups]] as const;
      const wild = lists.filter(([, items]) => items.some((i) => i.value === '*'));
      const stars = wild.flatMap(([, items]) => items.filter((i) => i.value === '*'));
      const first = stars.sort((a, b) => (a.node.range?.[0] ?? 0) - (b.node.range?.[0] ?? 0))[0];
      if (!first) continue;
      const names = inWords(wild.map(([name]) => name));
      context.report({
        range: context.rangeOf(first.node),
        message: `${roleLabel(rule.object)} grants "*" in ${names} ${scopeOf(rule.object)}: that covers whatever the cluster has now or gains later`,
      });
    }
  },
});

import { coversGroup, ESCALATIONS, inWords, policyRules, resourceEntries, roleLabel, scopeOf, type PolicyRuleSite, type Written } from '../../kubernetes/rbac';
import { defineRule } from '../../rule';

/**
 * RBAC stops a subject from granting more than it holds, except through `escalate` and `bind`;
 * `impersonate` borrows another identity's rights outright. Reported on the verb, whether written
 * or granted through `*` (then also the wildcard rule's finding).
 */
export default defineRule({
  meta: {
    id: 'rbac-escalation-verb',
    title: 'RBAC rule grants escalate, bind or impersonate',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      trivy: ['KSV-0043', 'KSV-0050'],
      checkov: ['CKV_K8S_157', 'CKV_K8S_158', 'CKV2_K8S_3'],
    },
    fixable: false,
    rationale:
      'Kubernetes RBAC prevents privilege escalation: a subject can create or update a role, or bind one, only if it already holds every permission in it. The `escalate` verb on roles and the `bind` verb on roles lift that guard, and `impersonate` on users, groups or service accounts lets the subject send requests as someone else (`system:masters` included). Each is a path to cluster-admin; grant them only to the controllers that manage RBAC, and with `resourceNames` where possible.',
    compliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: role-reader\nrules:\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["roles", "clusterroles"]\n    verbs: ["get", "list"]\n',
    },
    nonCompliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: role-manager\nrules:\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["clusterroles"]\n    verbs: ["get", "escalate"]\n',
    },
  },
  check(context) {
    for (const rule of policyRules(context)) {
      // One finding per written verb: a `*` grants all three and is reported once.
      const byEntry = new Map<Written, { verbs: string[]; effects: string[] }>();
      for (const { verb, group, resources, effect } of ESCALATIONS) {
        const written = verbEntry(rule, verb);
        const on = resources.filter((r) => resourceEntries(rule, r).length > 0);
        if (!written || !coversGroup(rule, group) || on.length === 0) continue;
        const entry = byEntry.get(written) ?? { verbs: [], effects: [] };
        // A written verb names what it acts on; through `*` the verbs alone say enough.
        const grant = written.value === '*' ? verb : `${verb} on ${inWords(on)}`;
        if (!entry.verbs.includes(grant)) entry.verbs.push(grant);
        if (!entry.effects.includes(effect)) entry.effects.push(effect);
        byEntry.set(written, entry);
      }
      for (const [written, { verbs, effects }] of byEntry) {
        context.report({
          range: context.rangeOf(written.node),
          message: `${roleLabel(rule.object)} grants ${inWords(verbs)}${written.value === '*' ? ' (through "*")' : ''} ${scopeOf(rule.object)}, so its subjects can ${inWords(effects)}`,
        });
      }
    }
  },
});

function verbEntry(rule: PolicyRuleSite, verb: string): Written | undefined {
  return rule.verbs.find((v) => v.value === verb) ?? rule.verbs.find((v) => v.value === '*');
}

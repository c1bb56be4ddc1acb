import { coversGroup, grantedVerbs, inWords, policyRules, READ_VERBS, resourceEntries, roleLabel, scopeOf } from '../../kubernetes/rbac';
import { defineRule } from '../../rule';

/**
 * `get`, `list` or `watch` on core `secrets` reads their values (`list` and `watch` return whole
 * objects, data included). Reported on the `secrets` entry; a `*` resource is the wildcard rule's.
 */
export default defineRule({
  meta: {
    id: 'rbac-secrets-readable',
    title: 'RBAC rule lets its subjects read Secrets',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'secrets',
    refs: {
      trivy: ['KSV-0041', 'KSV-0113'],
      kubeLinter: ['access-to-secrets'],
      checkov: ['CKV2_K8S_5'],
    },
    fixable: false,
    rationale:
      'Secrets hold the credentials of everything else: service account tokens, registry passwords, TLS keys, database passwords. A role that can `get`, `list` or `watch` Secrets can read all of them in its scope (`list` and `watch` return the data too, not only the names), and a service account token read this way is a step to more privilege. Grant access to the Secrets the workload needs by name (`resourceNames`), or mount the Secret into the pod that needs it.',
    compliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["app-tls"]\n    verbs: ["get"]\n',
    },
    nonCompliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "list"]\n',
    },
  },
  check(context) {
    for (const rule of policyRules(context)) {
      if (!coversGroup(rule, '')) continue;
      const [entry] = resourceEntries(rule, 'secrets', { wildcard: false });
      // `resourceNames` limits every verb to those Secrets (list and watch to a name field selector).
      const reading = rule.resourceNames.length > 0 ? [] : grantedVerbs(rule, READ_VERBS);
      if (!entry || reading.length === 0) continue;
      context.report({
        range: context.rangeOf(entry.node),
        message: `${roleLabel(rule.object)} can ${inWords(reading)} Secrets ${scopeOf(rule.object)}, and so read every credential stored there`,
      });
    }
  },
});

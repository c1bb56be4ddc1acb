import { pairOf } from '../../kubernetes/objects';
import { bindings } from '../../kubernetes/rbac';
import { defineRule } from '../../rule';

/** Subjects that stand for far more than one workload or person, and who they are. */
function breadthOf(kind: string | null, name: string | null): string | null {
  if (kind === 'User' && name === 'system:anonymous') return 'every unauthenticated request';
  if (kind === 'Group' && name === 'system:unauthenticated') return 'every unauthenticated request';
  if (kind === 'Group' && name === 'system:authenticated') return 'everyone who holds any credential for the cluster';
  if (kind === 'Group' && name === 'system:serviceaccounts') return 'every service account in every namespace';
  if (kind === 'ServiceAccount' && name === 'default') return 'every pod of the namespace that names no service account';
  return null;
}

/**
 * A binding to `system:anonymous`, `system:unauthenticated`, `system:authenticated`, all service
 * accounts, or a namespace's `default` service account hands its role to callers nobody chose.
 */
export default defineRule({
  meta: {
    id: 'rbac-binding-subject-too-broad',
    title: 'Binding grants a role to anonymous users, everyone, or a default service account',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      trivy: ['KSV-0122', 'KSV-01011'],
    },
    fixable: false,
    rationale:
      "A binding's subjects decide who gets the role. `system:anonymous` and `system:unauthenticated` are anyone who can reach the API server; `system:authenticated` is anyone with any credential (every service account in every namespace included); `system:serviceaccounts` is every workload. A namespace's `default` service account is used by every pod there that names no service account, so a role bound to it reaches workloads nobody meant to trust. Bind roles to a dedicated service account or a named group.",
    compliant: {
      fileName: 'binding.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: read\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: reporter\n    namespace: apps\n',
    },
    nonCompliant: {
      fileName: 'binding.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: read\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: default\n    namespace: apps\n',
    },
  },
  check(context) {
    for (const binding of bindings(context)) {
      const role = binding.roleRef?.name ? `${binding.roleRef.kind ?? 'role'} "${binding.roleRef.name}"` : 'its role';
      for (const subject of binding.subjects) {
        const breadth = breadthOf(subject.kind, subject.name);
        if (!breadth) continue;
        const pair = pairOf(subject.node, 'name');
        context.report({
          range: pair ? context.rangeOfPair(pair) : context.rangeOf(subject.node),
          message: `${binding.object.kind} "${binding.object.name ?? '?'}" grants ${role} to ${subject.kind} "${subject.name}": ${breadth}`,
        });
      }
    }
  },
});

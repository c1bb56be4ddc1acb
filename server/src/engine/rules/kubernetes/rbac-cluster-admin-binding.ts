import { scalarString } from '../../kubernetes/objects';
import { bindings, roleRefRange } from '../../kubernetes/rbac';
import { defineRule } from '../../rule';

/** A binding whose roleRef is the built-in `cluster-admin` ClusterRole: every verb on everything. */
export default defineRule({
  meta: {
    id: 'rbac-cluster-admin-binding',
    title: 'Binding grants cluster-admin',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      trivy: ['KSV-0111'],
      polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'],
      kubeLinter: ['cluster-admin-role-binding'],
    },
    fixable: false,
    rationale:
      'The `cluster-admin` ClusterRole allows every action on every resource. Bound by a ClusterRoleBinding it is superuser over the whole cluster; bound by a RoleBinding it is full control of the namespace, RBAC, Secrets and workloads included. Applications and most people need far less: bind a role that lists what they use (the built-in `view` or `edit` roles are a start).',
    compliant: {
      fileName: 'binding.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ci\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: apps\n',
    },
    nonCompliant: {
      fileName: 'binding.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: apps\n',
    },
  },
  check(context) {
    for (const binding of bindings(context)) {
      const ref = binding.roleRef;
      if (ref?.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') continue;
      const namespace = scalarString(binding.object.metadata?.get('namespace', true));
      const reach = binding.object.kind === 'ClusterRoleBinding' ? 'superuser rights over the whole cluster' : `full control of ${namespace ? `namespace "${namespace}"` : 'its namespace'}`;
      context.report({
        range: roleRefRange(context, ref),
        message: `${binding.object.kind} "${binding.object.name ?? '?'}" binds cluster-admin: ${binding.subjects.length === 1 ? 'its subject gets' : 'its subjects get'} ${reach}`,
      });
    }
  },
});

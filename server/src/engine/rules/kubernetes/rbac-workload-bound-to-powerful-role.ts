import { scalarString } from '../../kubernetes/objects';
import { bindings, inWords, roleRefRange } from '../../kubernetes/rbac';
import { boundRole } from '../../kubernetes/roleGrants';
import { defineRule } from '../../rule';

/** Subjects that are workloads rather than people: service accounts, one or all of them. */
function workloadSubject(kind: string | null, name: string | null, namespace: string | null): string | null {
  if (kind === 'ServiceAccount' && name) return `ServiceAccount "${name}"${namespace ? ` of namespace "${namespace}"` : ''}`;
  if (kind === 'Group' && name?.startsWith('system:serviceaccounts')) return `group "${name}"`;
  return null;
}

/**
 * Checkov's RBAC graph checks (CKV2_K8S_1/2/3/5): a binding that gives a service account a role
 * that reads Secrets, execs into pods, reaches the kubelet, escalates, or creates Pods hands that
 * power to whatever runs as the account. The binding is judged by the role it names, wherever it
 * is written: in another document of the file, in another file `seaworthy check` was given, or a
 * built-in ClusterRole (`admin`, `edit`). A role nowhere in sight is left alone.
 */
export default defineRule({
  meta: {
    id: 'rbac-workload-bound-to-powerful-role',
    title: 'Binding gives a service account a role that reads Secrets, execs into pods or escalates',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      polaris: ['clusterrolebindingPodExecAttach', 'rolebindingRolePodExecAttach', 'rolebindingClusterRolePodExecAttach'],
      kubeLinter: ['access-to-create-pods'],
      checkov: ['CKV2_K8S_1', 'CKV2_K8S_2', 'CKV2_K8S_3', 'CKV2_K8S_5'],
    },
    fixable: false,
    rationale:
      "A service account's token is mounted into every pod that runs as it, so whoever compromises one of those pods holds the account's roles. A role that reads Secrets, execs into pods or reaches the kubelet through `nodes/proxy`, that may escalate, bind or impersonate, or that creates Pods (and so can run a pod as any service account of the namespace) turns one compromised workload into many. The finding sits on the binding's `roleRef` and names the role and what it grants; the role's own rules get their findings where they are written. Bind a role that grants what the workload uses, or a dedicated one; the built-in `edit` and `admin` ClusterRoles are meant for people.",
    compliant: {
      fileName: 'rbac.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: reporter\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: reporter\n    namespace: apps\n',
    },
    nonCompliant: {
      fileName: 'rbac.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: reporter\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\nsubjects:\n  - kind: ServiceAccount\n    name: reporter\n    namespace: apps\n',
    },
  },
  check(context) {
    for (const binding of bindings(context)) {
      const ref = binding.roleRef;
      if (!ref?.kind || !ref.name || (ref.kind === 'ClusterRole' && ref.name === 'cluster-admin')) continue;
      const namespace = scalarString(binding.object.metadata?.get('namespace', true));
      const role = boundRole(context.roles, ref.kind, namespace, ref.name);
      const subjects = binding.subjects.map((s) => workloadSubject(s.kind, s.name, s.namespace)).filter((s): s is string => s !== null);
      if (!role || role.powers.length === 0 || subjects.length === 0) continue;
      context.report({
        range: roleRefRange(context, ref),
        message: `${binding.object.kind} "${binding.object.name ?? '?'}" gives ${inWords(subjects)} the ${role.label}, which can ${inWords(role.powers)}: any pod running as ${subjects.length === 1 ? 'it' : 'them'} can too`,
      });
    }
  },
});

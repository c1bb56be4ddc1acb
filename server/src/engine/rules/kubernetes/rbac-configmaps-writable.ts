import { reportWritable } from '../../kubernetes/rbac';
import { defineRule } from '../../rule';

/** Trivy KSV-0049: write access to ConfigMaps changes what workloads read at start and at run time. */
export default defineRule({
  meta: {
    id: 'rbac-configmaps-writable',
    title: 'RBAC rule lets its subjects change ConfigMaps',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'privilege',
    profile: 'strict',
    refs: { trivy: ['KSV-0049'] },
    fixable: false,
    rationale:
      "ConfigMaps hold what workloads read as configuration: endpoints, feature switches, scripts mounted into containers, and (too often) credentials. Whoever can create, update or delete them can point a workload at their own server or change the code it runs at its next start; in `kube-system` the `aws-auth` and `coredns` ConfigMaps decide who is admin and where names resolve. Grant `get`, `list` and `watch` where reading is enough, and name the ConfigMaps a writer needs (`resourceNames`; it does not limit `create` or `deletecollection`). On in the `strict` profile: controllers that keep their own state in a ConfigMap hold this by design.",
    compliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: leader-election\n  namespace: apps\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    resourceNames: ["app-leader"]\n    verbs: ["get", "update"]\n',
    },
    nonCompliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: config-writer\n  namespace: apps\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "update", "patch"]\n',
    },
  },
  check(context) {
    reportWritable(context, [{ group: '', resource: 'configmaps', shown: 'ConfigMaps' }], 'its subjects can change the configuration workloads read');
  },
});

import { reportWritable, type ApiResource } from '../../kubernetes/rbac';
import { defineRule } from '../../rule';

/** KSV-0048's workload resources, each in its own API group. */
const WORKLOADS: readonly ApiResource[] = [
  { group: '', resource: 'pods', shown: 'Pods' },
  { group: 'apps', resource: 'deployments', shown: 'Deployments' },
  { group: 'apps', resource: 'statefulsets', shown: 'StatefulSets' },
  { group: 'apps', resource: 'daemonsets', shown: 'DaemonSets' },
  { group: 'apps', resource: 'replicasets', shown: 'ReplicaSets' },
  { group: '', resource: 'replicationcontrollers', shown: 'ReplicationControllers' },
  { group: 'batch', resource: 'jobs', shown: 'Jobs' },
  { group: 'batch', resource: 'cronjobs', shown: 'CronJobs' },
];

/**
 * Trivy KSV-0048: a role that may create or change workloads runs any image with any pod spec
 * that admission lets through — and with a service account of the namespace, so its permissions.
 */
export default defineRule({
  meta: {
    id: 'rbac-workloads-writable',
    title: 'RBAC rule lets its subjects create or change workloads',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'privilege',
    profile: 'strict',
    refs: { trivy: ['KSV-0048'] },
    fixable: false,
    rationale:
      "Whoever can create or update Pods, or the controllers that make them (Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs, CronJobs), can run any image with any pod spec the namespace's admission policy allows: a privileged pod that escapes to the node where Pod Security is not enforced, and, anywhere, a pod that runs as any service account of the namespace and so holds its permissions and Secrets. Deployers need it; most workloads' own service accounts do not. Grant `get`, `list` and `watch` where reading is enough, and keep write access to a deploy identity. `resourceNames` does not limit `create` or `deletecollection`. On in the `strict` profile: continuous-delivery accounts hold this by design.",
    compliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: watcher\n  namespace: apps\nrules:\n  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get", "list", "watch"]\n',
    },
    nonCompliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: scaler\n  namespace: apps\nrules:\n  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get", "patch"]\n',
    },
  },
  check(context) {
    reportWritable(context, WORKLOADS, "its subjects can run any image under the namespace's service accounts, within what admission allows");
  },
});

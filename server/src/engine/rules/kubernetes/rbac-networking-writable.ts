import { reportWritable, type ApiResource } from '../../kubernetes/rbac';
import { defineRule } from '../../rule';

/** KSV-0056's networking resources in their API groups, and the Service status CKV2_K8S_4 names. */
const NETWORKING: readonly ApiResource[] = [
  { group: '', resource: 'services', shown: 'Services' },
  { group: '', resource: 'services/status', shown: 'Service status' },
  { group: '', resource: 'endpoints', shown: 'Endpoints' },
  { group: 'discovery.k8s.io', resource: 'endpointslices', shown: 'EndpointSlices' },
  { group: 'networking.k8s.io', resource: 'networkpolicies', shown: 'NetworkPolicies' },
  { group: 'networking.k8s.io', resource: 'ingresses', shown: 'Ingresses' },
];

/** Trivy KSV-0056: who steers traffic or removes NetworkPolicies can intercept it or move laterally. */
export default defineRule({
  meta: {
    id: 'rbac-networking-writable',
    title: 'RBAC rule lets its subjects change Services, endpoints, Ingresses or NetworkPolicies',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'isolation',
    profile: 'strict',
    refs: { trivy: ['KSV-0056'], checkov: ['CKV2_K8S_4'] },
    fixable: false,
    rationale:
      "Services, Endpoints and EndpointSlices decide which pods receive a service's traffic, Ingresses what reaches the cluster from outside, and NetworkPolicies which pods may talk at all. Whoever can change them can send another workload's traffic to a pod of their own (and read it), expose an internal service, or delete the policy that kept a compromised pod from moving on; writing a Service's status sets `status.loadBalancer.ingress`, which redirects traffic inside the cluster (CVE-2020-8554). Grant `get`, `list` and `watch` where reading is enough. On in the `strict` profile: ingress controllers and deployers hold some of this by design.",
    compliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: discovery\n  namespace: apps\nrules:\n  - apiGroups: [""]\n    resources: ["services", "endpoints"]\n    verbs: ["get", "list", "watch"]\n',
    },
    nonCompliant: {
      fileName: 'role.yaml',
      text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: net-admin\n  namespace: apps\nrules:\n  - apiGroups: ["networking.k8s.io"]\n    resources: ["networkpolicies"]\n    verbs: ["get", "delete"]\n',
    },
  },
  check(context) {
    reportWritable(context, NETWORKING, 'its subjects can redirect traffic or lift network isolation');
  },
});

import { pairOf, scalarValue } from '../../kubernetes/objects';
import { admissionMessage, objectLabel, podSpecs } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

const NAMESPACES: readonly (readonly [key: string, what: string])[] = [
  ['hostNetwork', 'network'],
  ['hostPID', 'process (PID)'],
  ['hostIPC', 'IPC'],
];

/**
 * A pod that shares the node's network, PID or IPC namespace sees and reaches what every other
 * process on the node does. The baseline Pod Security Standard forbids `hostNetwork`, `hostPID`
 * and `hostIPC` set to true. No fix is offered: turning a namespace off changes what the workload
 * can do, so it is the author's decision.
 */
export default defineRule({
  meta: {
    id: 'host-namespace-shared',
    title: 'Pod shares a host namespace',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [{ level: 'baseline', control: 'hostNamespaces' }],
      trivy: ['KSV-0008', 'KSV-0009', 'KSV-0010'],
      polaris: ['hostIPCSet', 'hostPIDSet', 'hostNetworkSet'],
      kubeLinter: ['host-ipc', 'host-network', 'host-pid'],
      checkov: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'],
    },
    fixable: false,
    rationale:
      "`hostNetwork: true` puts the pod on the node's network stack (it can bind node ports and reach services listening on localhost, such as the kubelet's); `hostPID: true` lets it see and signal every process on the node, and read their environment through /proc; `hostIPC: true` lets it attach to the node's shared memory. Each removes an isolation boundary, which is why the baseline Pod Security Standard forbids all three. Node agents that truly need them belong in a namespace with a privileged policy.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      for (const [key, what] of NAMESPACES) {
        const pair = pairOf(site.spec, key);
        if (!pair || scalarValue(site.spec, key) !== true) continue;
        context.report({
          range: context.rangeOfPair(pair),
          message: admissionMessage(context, `${objectLabel(object)} shares the node's ${what} namespace (${key}: true)`, 'host namespaces', `${key}=true`),
        });
      }
    }
  },
});

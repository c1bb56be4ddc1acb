import { yamlLibrary } from '../../../parse/yamlDocuments';
import { pairOf } from '../../kubernetes/objects';
import { admissionMessage, containerOf, podSpecs, quotedContainer } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

/**
 * `ports[*].hostPort` binds a port on the node's own address to the container. The baseline Pod
 * Security Standard allows only 0 (unset). No fix: a Service is the replacement, and that is a
 * design change.
 */
export default defineRule({
  meta: {
    id: 'host-port-used',
    title: 'Container binds a port on the node',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [{ level: 'baseline', control: 'hostPorts' }],
      trivy: ['KSV-0024'],
      polaris: ['hostPortSet'],
      checkov: ['CKV_K8S_26'],
    },
    fixable: false,
    rationale:
      "A `hostPort` exposes the container on the node's own IP address, around any NetworkPolicy and Service, ties the pod to nodes where that port is free, and lets the pod take over a port other node software expects. The baseline Pod Security Standard forbids any non-zero `hostPort` on containers, init containers and ephemeral containers. Expose the workload through a Service (NodePort or LoadBalancer if it must be reachable from outside).",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n          hostPort: 80\n',
    },
  },
  check(context) {
    const { isMap, isScalar, isSeq } = yamlLibrary();
    for (const { object, site } of podSpecs(context)) {
      for (const container of site.containers) {
        const ports = container.node.get('ports', true);
        if (!isSeq(ports)) continue;
        for (const port of ports.items) {
          const pair = isMap(port) ? pairOf(port, 'hostPort') : undefined;
          const value = pair && isScalar(pair.value) ? pair.value.value : undefined;
          if (!pair || typeof value !== 'number' || value === 0) continue;
          context.report({
            range: context.rangeOfPair(pair),
            message: admissionMessage(context, `${containerOf(container, object)} binds port ${value} on the node (hostPort)`, 'hostPort', `${quotedContainer(container)} uses hostPort ${value}`),
          });
        }
      }
    }
  },
});

import { yamlLibrary } from '../../../parse/yamlDocuments';
import { pairOf, scalarValue } from '../../kubernetes/objects';
import { admissionMessage, containerOf, podSpecs, quotedContainer } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

/**
 * `ports[*].hostPort` binds a port on the node's own address to the container. The baseline Pod
 * Security Standard allows only 0 (unset). In a `hostNetwork: true` pod the API server defaults
 * every unset `hostPort` to its `containerPort` before admission, so each container port is a host
 * port there. No fix: a Service is the replacement, and that is a design change.
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
      const hostNetwork = scalarValue(site.spec, 'hostNetwork') === true;
      for (const container of site.containers) {
        const ports = container.node.get('ports', true);
        if (!isSeq(ports)) continue;
        for (const port of ports.items) {
          if (!isMap(port)) continue;
          const written = pairOf(port, 'hostPort');
          const writtenValue = written && isScalar(written.value) ? written.value.value : undefined;
          const defaulted = hostNetwork && (writtenValue === undefined || writtenValue === 0) ? pairOf(port, 'containerPort') : undefined;
          const pair = defaulted ?? written;
          const value = pair && isScalar(pair.value) ? pair.value.value : undefined;
          if (!pair || typeof value !== 'number' || value === 0) continue;
          const what = defaulted
            ? `${containerOf(container, object)} binds port ${value} on the node: with hostNetwork the API server sets hostPort to the containerPort`
            : `${containerOf(container, object)} binds port ${value} on the node (hostPort)`;
          context.report({
            range: context.rangeOfPair(pair),
            message: admissionMessage(context, what, 'hostPort', `${quotedContainer(container)} uses hostPort ${value}`),
          });
        }
      }
    }
  },
});

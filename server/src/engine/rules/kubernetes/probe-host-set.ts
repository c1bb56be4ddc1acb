import { mapAt, pairOf, scalarString } from '../../kubernetes/objects';
import { admissionMessage, containerOf, podSpecs, quotedContainer } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

/**
 * A probe or lifecycle hook with a `host` makes the kubelet connect to that address from the node,
 * not to the pod. The baseline Pod Security Standard (1.34+) forbids any non-empty `host` in
 * `httpGet` and `tcpSocket` probes and hooks.
 */
export default defineRule({
  meta: {
    id: 'probe-host-set',
    title: 'Probe or lifecycle hook targets another host',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [{ level: 'baseline', control: 'hostProbesAndHostLifecycle' }],
    },
    fixable: false,
    rationale:
      "The kubelet runs HTTP and TCP probes and lifecycle hooks from the node. When one names a `host`, the kubelet connects there instead of to the pod, so a pod author can make the node reach addresses the pod itself could not: the node's localhost, a cloud metadata endpoint, another tenant's service (a server-side request forgery through the kubelet). The baseline Pod Security Standard (Kubernetes 1.34+) forbids `host` in `httpGet` and `tcpSocket` probes and in `postStart`/`preStop` hooks. Leave it out: the pod's IP is the default.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          path: /healthz\n          port: 8080\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          host: 169.254.169.254\n          path: /latest/meta-data/\n          port: 80\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      for (const container of site.containers) {
        const places = [...PROBES.map((p) => [p]), ...HOOKS.map((h) => ['lifecycle', h])];
        for (const place of places) {
          for (const handler of HANDLERS) {
            const map = mapAt(container.node, [...place, handler]);
            const pair = map ? pairOf(map, 'host') : undefined;
            const host = scalarString(pair?.value) ?? '';
            if (!pair || host === '') continue;
            context.report({
              range: context.rangeOfPair(pair),
              message: admissionMessage(context, `${containerOf(container, object)} points its ${place.join('.')} ${handler} at host ${host}, which the kubelet reaches from the node`, 'probe or lifecycle host', `${quotedContainer(container)} uses probe or lifecycle host "${host}"`),
            });
          }
        }
      }
    }
  },
});

import type { Node as YamlNode } from 'yaml';
import { yamlLibrary } from '../../../parse/yamlDocuments';
import { mapAt, pairOf, scalarString } from '../../kubernetes/objects';
import { defineRule } from '../../rule';

/** Annotations that make a cloud load balancer internal (AWS, AWS LB controller, GKE, Azure, OCI). */
const INTERNAL_LOAD_BALANCER: readonly [string, RegExp][] = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
];
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const EVERYWHERE = new Set(['0.0.0.0/0', '::/0']);

/**
 * A NodePort Service opens its port on every node; a LoadBalancer Service without
 * `loadBalancerSourceRanges` (or the equivalent annotation) is reachable from anywhere, unless a
 * cloud annotation makes it internal.
 */
export default defineRule({
  meta: {
    id: 'service-publicly-exposed',
    title: 'Service reachable from anywhere (NodePort, or LoadBalancer without source ranges)',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      kubeScore: ['service-type'],
      kubeLinter: ['exposed-services'],
    },
    fixable: false,
    rationale:
      "A `NodePort` Service opens its port on every node's address, to whatever can reach the nodes, and no field limits who may connect. A `LoadBalancer` Service gets an address from the cloud that is open to the internet unless `loadBalancerSourceRanges` lists the networks allowed in (or an annotation makes the load balancer internal). Expose workloads through an Ingress or Gateway with TLS, or list the source ranges.",
    compliant: {
      fileName: 'service.yaml',
      text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: ["203.0.113.0/24"]\n  selector: {app: web}\n  ports:\n    - port: 443\n',
    },
    nonCompliant: {
      fileName: 'service.yaml',
      text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  selector: {app: web}\n  ports:\n    - port: 443\n',
    },
  },
  check(context) {
    const { isScalar, isSeq } = yamlLibrary();
    for (const object of context.objects) {
      if (object.kind !== 'Service' || object.apiVersion !== 'v1') continue;
      const spec = mapAt(object.node, ['spec']);
      const typePair = spec ? pairOf(spec, 'type') : undefined;
      const type = scalarString(typePair?.value);
      if (!spec || !typePair || (type !== 'NodePort' && type !== 'LoadBalancer')) continue;
      const label = `Service "${object.name ?? '?'}"`;
      if (type === 'NodePort') {
        context.report({ range: context.rangeOfPair(typePair), message: `${label} is a NodePort: its port is open on every node's address to anything that reaches the nodes, and no field can limit who connects` });
        continue;
      }
      const annotations = mapAt(object.node, ['metadata', 'annotations']);
      if (INTERNAL_LOAD_BALANCER.some(([key, value]) => value.test(scalarString(annotations?.get(key, true)) ?? ''))) continue;
      const ranges = spec.get('loadBalancerSourceRanges', true);
      const listed = isSeq(ranges) ? ranges.items.filter(isScalar) : [];
      const annotated = (scalarString(annotations?.get(SOURCE_RANGES_ANNOTATION, true)) ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
      const open = listed.find((r) => EVERYWHERE.has(String(r.value)));
      if (open) {
        context.report({ range: context.rangeOf(open as YamlNode), message: `${label} lets ${String(open.value)} through its load balancer: that is every address` });
      } else if (listed.length === 0 && annotated.length === 0) {
        context.report({ range: context.rangeOfPair(typePair), message: `${label} is a LoadBalancer without loadBalancerSourceRanges: its address is open to the internet` });
      } else if (listed.length === 0 && annotated.some((r) => EVERYWHERE.has(r))) {
        context.report({ range: context.rangeOfPair(typePair), message: `${label} lets every address through its load balancer (${SOURCE_RANGES_ANNOTATION})` });
      }
    }
  },
});

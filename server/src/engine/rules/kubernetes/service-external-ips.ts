import type { Node as YamlNode } from 'yaml';
import { yamlLibrary } from '../../../parse/yamlDocuments';
import { mapAt, pairOf } from '../../kubernetes/objects';
import { defineRule } from '../../rule';

/** `spec.externalIPs`: traffic to those addresses is captured by every node (CVE-2020-8554). */
export default defineRule({
  meta: {
    id: 'service-external-ips',
    title: 'Service sets externalIPs',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      trivy: ['KSV-0108'],
    },
    fixable: false,
    rationale:
      "Every node's kube-proxy routes traffic for a Service's `externalIPs` to the Service, whoever owns those addresses. Anyone who may create a Service can so intercept traffic meant for another address in the cluster or outside it (CVE-2020-8554, which has no fix in Kubernetes itself; the DenyServiceExternalIPs admission plugin blocks the field). Use a LoadBalancer or an Ingress instead.",
    compliant: {
      fileName: 'service.yaml',
      text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n',
    },
    nonCompliant: {
      fileName: 'service.yaml',
      text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  externalIPs: ["198.51.100.7"]\n  ports:\n    - port: 80\n',
    },
  },
  check(context) {
    const { isSeq } = yamlLibrary();
    for (const object of context.objects) {
      if (object.kind !== 'Service' || object.apiVersion !== 'v1') continue;
      const spec = mapAt(object.node, ['spec']);
      const pair = spec ? pairOf(spec, 'externalIPs') : undefined;
      if (!pair || !isSeq(pair.value) || pair.value.items.length === 0) continue;
      context.report({
        range: context.rangeOf(pair.key as YamlNode),
        message: `Service "${object.name ?? '?'}" sets externalIPs: every node captures traffic for those addresses, whoever owns them`,
      });
    }
  },
});

import type { Node as YamlNode, YAMLMap } from 'yaml';
import { yamlLibrary } from '../../../parse/yamlDocuments';
import { mapAt, pairOf, scalarString } from '../../kubernetes/objects';
import { defineRule } from '../../rule';

const INGRESS_API = /^(networking\.k8s\.io|extensions)\//;

/** Whether `host` is one of `patterns` (`*.example.com` matches exactly one more label). */
function covered(host: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => p === host || (p.startsWith('*.') && host.endsWith(p.slice(1)) && !host.slice(0, host.length - p.length + 1).includes('.')));
}

/**
 * An Ingress without `spec.tls` serves plain HTTP; with `tls`, a rule's host that no TLS entry
 * lists is served without a certificate of its own. A TLS entry without `hosts` covers them all.
 */
export default defineRule({
  meta: {
    id: 'ingress-without-tls',
    title: 'Ingress serves hosts without TLS',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      polaris: ['tlsSettingsMissing'],
    },
    fixable: false,
    rationale:
      "Without a `tls` section an Ingress serves its hosts over plain HTTP: credentials, cookies and data cross the network readable and changeable by anyone on the path. A host the `rules` name but no `tls` entry lists gets no certificate of its own. Add a `tls` entry naming each host and the Secret holding its certificate (cert-manager can issue it).",
    compliant: {
      fileName: 'ingress.yaml',
      text: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls:\n    - hosts: ["shop.example.com"]\n      secretName: shop-tls\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend: {service: {name: web, port: {number: 80}}}\n',
    },
    nonCompliant: {
      fileName: 'ingress.yaml',
      text: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend: {service: {name: web, port: {number: 80}}}\n',
    },
  },
  check(context) {
    const { isMap, isSeq } = yamlLibrary();
    for (const object of context.objects) {
      if (object.kind !== 'Ingress' || !INGRESS_API.test(object.apiVersion)) continue;
      const spec = mapAt(object.node, ['spec']);
      const specPair = pairOf(object.node, 'spec');
      if (!spec || !specPair) continue;
      const label = `Ingress "${object.name ?? '?'}"`;
      const tls = spec.get('tls', true);
      const entries = isSeq(tls) ? tls.items.filter(isMap) : [];
      if (entries.length === 0) {
        context.report({ range: context.rangeOf(specPair.key as YamlNode), message: `${label} has no tls section: it serves its hosts over plain HTTP` });
        continue;
      }
      const hostLists = entries.map((e) => e.get('hosts', true));
      if (hostLists.some((h) => !isSeq(h) || h.items.length === 0)) continue;
      const patterns = hostLists.flatMap((h) => (isSeq(h) ? h.items.map(scalarString).filter((s): s is string => s !== null) : []));
      const rules = spec.get('rules', true);
      for (const rule of isSeq(rules) ? rules.items.filter(isMap) : []) {
        const hostPair = pairOf(rule as YAMLMap, 'host');
        const host = scalarString(hostPair?.value);
        if (!hostPair || !host || covered(host, patterns)) continue;
        context.report({ range: context.rangeOfPair(hostPair), message: `${label} serves ${host} without TLS: no tls entry lists it` });
      }
    }
  },
});

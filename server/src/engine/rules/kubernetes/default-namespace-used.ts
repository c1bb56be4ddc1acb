import { pairOf, scalarString } from '../../kubernetes/objects';
import { objectLabel } from '../../kubernetes/podSecurity';
import { isPatch } from '../../kubernetes/partialObjects';
import { defineRule } from '../../rule';

/**
 * An object placed in the `default` namespace by name. Objects without a namespace are left
 * alone: `kubectl -n`, Kustomize and Helm choose theirs when they are applied.
 */
export default defineRule({
  meta: {
    id: 'default-namespace-used',
    title: 'Object is placed in the default namespace',
    defaultSeverity: 'info',
    appliesTo: 'kubernetes',
    category: 'isolation',
    profile: 'strict',
    refs: {
      trivy: ['KSV-0110'],
      kubeLinter: ['use-namespace'],
      checkov: ['CKV_K8S_21'],
    },
    fixable: false,
    rationale:
      "Namespaces are where RBAC, NetworkPolicies, ResourceQuotas and Pod Security labels apply. The `default` namespace is shared by everything nobody placed elsewhere, usually has none of those, and is where a mistyped `kubectl` command lands, so a workload there is isolated from nothing. CIS Kubernetes Benchmark 5.7.1 and 5.7.4: create administrative boundaries with namespaces and do not use the default one. Only an explicit `namespace: default` is reported: an object without a namespace gets the one `kubectl -n`, Kustomize or Helm gives it. Strict profile.",
    compliant: {
      fileName: 'deploy.yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'deploy.yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
  },
  check(context) {
    for (const object of context.objects) {
      const pair = object.metadata ? pairOf(object.metadata, 'namespace') : undefined;
      // A Kustomize overlay's `namespace` may move a patch's object.
      if (!pair || scalarString(pair.value) !== 'default' || isPatch(object)) continue;
      context.report({
        range: context.rangeOfPair(pair),
        message: `${objectLabel(object)} is placed in the default namespace, which NetworkPolicies, quotas and Pod Security labels rarely cover (give it a namespace of its own)`,
      });
    }
  },
});

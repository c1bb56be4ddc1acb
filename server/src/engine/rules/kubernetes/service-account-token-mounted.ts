import type { Node as YamlNode } from 'yaml';
import { pairOf } from '../../kubernetes/objects';
import { absenceIsCertain, objectLabel, podSpecs } from '../../kubernetes/podSecurity';
import { booleanSetting } from '../../kubernetes/typedFields';
import { mergeEdits, scalar } from '../../kubernetes/yamlMerge';
import { defineRule } from '../../rule';

/**
 * Unless the pod says `automountServiceAccountToken: false`, Kubernetes mounts an API token into
 * every container. Only the pod spec is seen here (a ServiceAccount's own setting may also turn
 * it off, so this is a strict-profile rule). The change is an editor suggestion, never fix-all: a
 * workload that calls the API needs the token.
 */
export default defineRule({
  meta: {
    id: 'service-account-token-mounted',
    title: 'Service account token mounted into the pod',
    defaultSeverity: 'info',
    appliesTo: 'kubernetes',
    category: 'secrets',
    profile: 'strict',
    refs: {
      trivy: ['KSV-0036'],
      polaris: ['automountServiceAccountToken'],
      checkov: ['CKV_K8S_38'],
    },
    fixable: false,
    rationale:
      "By default every pod gets its service account's API token mounted at /var/run/secrets/kubernetes.io/serviceaccount. Most applications never call the Kubernetes API, but an attacker inside the container will: with the token they act as the service account, and RBAC mistakes turn that into cluster access. Set `automountServiceAccountToken: false` on pods that do not talk to the API (or on their ServiceAccount), and mount a projected token only where one is needed.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  automountServiceAccountToken: false\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      const setting = booleanSetting(site.spec, 'automountServiceAccountToken');
      // A string or a number there makes the API server refuse the object: boolean-field-not-a-boolean says so.
      if (setting === false || setting === 'rejected') continue;
      const pair = pairOf(site.spec, 'automountServiceAccountToken');
      if (!pair && !absenceIsCertain(site, 'pod')) continue;
      const edits = mergeEdits(context, site.spec, [['automountServiceAccountToken', scalar('false')]]);
      const first = site.spec.items[0];
      context.report({
        range: pair ? context.rangeOfPair(pair) : first?.key ? context.rangeOf(first.key as YamlNode) : context.rangeOf(site.spec),
        message: `${objectLabel(object)} mounts its service account's API token into every container (automountServiceAccountToken is not false)`,
        ...(edits && edits.length > 0 ? { suggestions: [{ title: 'Set automountServiceAccountToken: false (if the pod never calls the Kubernetes API)', edits }] } : {}),
      });
    }
  },
});

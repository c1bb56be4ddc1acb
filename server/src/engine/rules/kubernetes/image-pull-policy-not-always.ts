import { parseImageReference } from '../../../parse/dockerfileModel';
import { pairOf, scalarString } from '../../kubernetes/objects';
import { absenceIsCertain, containerAnchor, containerOf, podSpecs } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

/**
 * `imagePullPolicy: Always` makes the kubelet ask the registry on every start, so the pod's pull
 * credentials are checked each time and a moved tag is noticed. Unset, the API server defaults it
 * to `Always` only for `:latest` and untagged images; for any other tag to `IfNotPresent`.
 */
export default defineRule({
  meta: {
    id: 'image-pull-policy-not-always',
    title: 'Container image pull policy is not Always',
    defaultSeverity: 'info',
    appliesTo: 'kubernetes',
    category: 'supply-chain',
    profile: 'strict',
    refs: {
      polaris: ['pullPolicyNotAlways'],
      kubeScore: ['container-image-pull-policy'],
      checkov: ['CKV_K8S_15'],
    },
    fixable: false,
    rationale:
      'With `IfNotPresent` (the default for any tag other than `latest`) or `Never`, a node runs whatever image it cached under that name. Two consequences: a pod whose service account has no pull secret for a private image still starts on a node where another pod pulled it, so registry access control is bypassed; and a tag that was moved (or a cached image that was tampered with on the node) is never compared with the registry. `imagePullPolicy: Always` makes the kubelet resolve the reference against the registry on each start (a cheap manifest request when the layers are cached). Strict profile: it needs the registry to be reachable whenever a pod starts.',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n      imagePullPolicy: Always\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n      imagePullPolicy: IfNotPresent\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      for (const container of site.containers) {
        const policyPair = pairOf(container.node, 'imagePullPolicy');
        const policy = scalarString(policyPair?.value);
        if (policy === 'Always') continue;
        if (policyPair && policy !== null) {
          context.report({
            range: context.rangeOfPair(policyPair),
            message: `${containerOf(container, object)} pulls its image with imagePullPolicy: ${policy}, so a node runs what it has cached without the registry checking the pod's pull credentials or the tag (set Always)`,
          });
          continue;
        }
        if (!absenceIsCertain(site, 'container')) continue;
        const image = scalarString(container.node.get('image', true));
        const ref = image === null ? null : parseImageReference(image);
        // Untagged and `:latest` default to Always.
        if (!ref || ref.tag === null || ref.tag === 'latest') continue;
        context.report({
          range: containerAnchor(context, container.node),
          message: `${containerOf(container, object)} sets no imagePullPolicy, which for ${image} means IfNotPresent: a node runs what it has cached without the registry checking the pod's pull credentials or the tag (set Always)`,
        });
      }
    }
  },
});

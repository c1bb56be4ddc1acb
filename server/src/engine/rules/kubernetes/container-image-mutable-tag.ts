import { parseImageReference } from '../../../parse/dockerfileModel';
import { pairOf, scalarString } from '../../kubernetes/objects';
import { containerOf, podSpecs } from '../../kubernetes/podSecurity';
import { isPatch } from '../../kubernetes/partialObjects';
import { defineRule } from '../../rule';

/**
 * An image without a tag, or tagged `latest`, names whatever was pushed last: two nodes may run
 * different code under one manifest, and a rollback rolls back nothing. A digest pins it whatever
 * the tag says.
 */
export default defineRule({
  meta: {
    id: 'container-image-mutable-tag',
    title: 'Container image is untagged or :latest',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'supply-chain',
    refs: {
      trivy: ['KSV-0013'],
      polaris: ['tagNotSpecified'],
      kubeScore: ['container-image-tag'],
      kubeLinter: ['latest-tag'],
      checkov: ['CKV_K8S_14'],
    },
    fixable: false,
    rationale:
      'An `image:` without a tag means `:latest`, and `:latest` (like any tag) is whatever was pushed last. Nodes that pull at different times run different code under the same manifest, a rollback to the previous manifest changes nothing, and a compromised registry account ships to production on the next restart. Name a version (`nginx:1.27.3`), or better pin the digest (`nginx:1.27.3@sha256:…`, `seaworthy pin` writes it).',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      // A Kustomize overlay's `images` may rewrite a patch's image.
      if (isPatch(object)) continue;
      for (const container of site.containers) {
        const pair = pairOf(container.node, 'image');
        const image = scalarString(pair?.value);
        const ref = image === null ? null : parseImageReference(image);
        if (!pair || !ref || ref.digest !== null || (ref.tag !== null && ref.tag !== 'latest')) continue;
        const why = ref.tag === null ? 'has no tag, so it means :latest' : 'is tagged :latest';
        context.report({
          range: context.rangeOfPair(pair),
          message: `${containerOf(container, object)} runs ${image}, which ${why}: the code that runs changes with every push (pin a version or a digest)`,
        });
      }
    }
  },
});

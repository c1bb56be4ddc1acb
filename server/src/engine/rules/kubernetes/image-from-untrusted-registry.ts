import { parseImageReference } from '../../../parse/dockerfileModel';
import { pairOf, scalarString } from '../../kubernetes/objects';
import { containerOf, podSpecs } from '../../kubernetes/podSecurity';
import { isPatch } from '../../kubernetes/partialObjects';
import { defineRule } from '../../rule';
import { isTrustedImage, registryShown, trustedRegistryEntries } from '../../trustedRegistries';

/**
 * Trivy KSV-0125 (and its fixed-registry forms KSV-0032/0033/0034/0035): with `trustedRegistries`
 * set, every container, init container and ephemeral container of every pod-carrying object must
 * pull from one of them. The same setting and the same matching as the Dockerfile rule
 * base-image-untrusted-registry; silent without the setting, and an image only known at deploy
 * time (a Helm `{{ … }}` value) is left alone.
 */
export default defineRule({
  meta: {
    id: 'image-from-untrusted-registry',
    title: 'Container image comes from a registry trustedRegistries does not list',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'supply-chain',
    refs: { trivy: ['KSV-0125', 'KSV-0034', 'KSV-0032', 'KSV-0033', 'KSV-0035'] },
    fixable: false,
    rationale:
      'A cluster whose images are mirrored, scanned and signed in known registries is only as safe as the one manifest that pulls from anywhere else: that image was never vetted, and its tag may be re-pushed by someone outside the team. With `trustedRegistries` set (`.seaworthy.yaml` or the `seaworthy.trustedRegistries` setting, shared with the Dockerfile rule base-image-untrusted-registry), every container, init container and ephemeral container must name an image from one of them: `docker.io` for Docker Hub (an image without a host is Docker Hub\'s), `*.example.com` for every subdomain, `ghcr.io/acme` for one organisation\'s repositories. Trivy\'s fixed-registry checks (Azure, GCR, ECR, "no public registries") are this rule with the matching entries. Without the setting the rule is silent. Not fixable: which mirror holds the same image cannot be known offline.',
    compliant: {
      fileName: 'deployment.yaml',
      config: 'trustedRegistries:\n  - registry.example.com\n',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/team/web:1.4.2\n',
    },
    nonCompliant: {
      fileName: 'deployment.yaml',
      config: 'trustedRegistries:\n  - registry.example.com\n',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n',
    },
  },
  check(context) {
    const trusted = trustedRegistryEntries(context.settings);
    if (trusted.length === 0) return;
    for (const { object, site } of podSpecs(context)) {
      // A Kustomize overlay's `images` may rewrite a patch's image.
      if (isPatch(object)) continue;
      for (const container of site.containers) {
        const pair = pairOf(container.node, 'image');
        const image = scalarString(pair?.value);
        const reference = image === null ? null : parseImageReference(image);
        if (!pair || !reference || isTrustedImage(reference, trusted)) continue;
        context.report({
          range: context.rangeOfPair(pair),
          message: `${containerOf(container, object)} runs ${image} from ${registryShown(reference)}, which is not among the trusted registries (${trusted.join(', ')}); pull it from one of them`,
        });
      }
    }
  },
});

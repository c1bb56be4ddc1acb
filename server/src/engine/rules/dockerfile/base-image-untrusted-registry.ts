import { defineRule } from '../../rule';
import { isTrustedImage, registryShown, trustedRegistryEntries } from '../../trustedRegistries';

/**
 * hadolint DL3026 / CIS 4.2: with `trustedRegistries` set, every FROM must pull from one of them.
 * As in hadolint, the rule is silent without the setting, `scratch` and earlier stages are always
 * allowed, and an image without a registry host is Docker Hub's. Unlike hadolint, the image is
 * judged as BuildKit resolves it through the global ARG defaults (an unknown value is left alone),
 * Docker Hub's other names count as Docker Hub, `*.example.com` trusts every subdomain, and an
 * entry with a path (`ghcr.io/acme`) trusts only the repositories under it.
 */
export default defineRule({
  meta: {
    id: 'base-image-untrusted-registry',
    title: 'Base image comes from a registry trustedRegistries does not list',
    defaultSeverity: 'error',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    refs: { hadolint: ['DL3026'], cis: ['4.2'] },
    fixable: false,
    rationale:
      'A team that mirrors or vets its base images (an internal registry, a hardened-image vendor) wants every FROM to pull from there: an image from anywhere else has not been scanned, signed or approved, and may vanish or change under the same tag. List the registries in `trustedRegistries` (`.seaworthy.yaml` or the `seaworthy.trustedRegistries` setting; `docker.io` for Docker Hub, `*.example.com` for every subdomain, `ghcr.io/acme` for one organisation\'s repositories); without that setting the rule is silent. `scratch` and earlier build stages are always allowed. Not fixable: which mirror holds the same image cannot be known offline.',
    compliant: {
      fileName: 'Dockerfile',
      config: 'trustedRegistries:\n  - registry.example.com\n',
      text: 'FROM registry.example.com/library/node:22-slim AS build\nRUN npm ci\n\nFROM build\nUSER node\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      config: 'trustedRegistries:\n  - registry.example.com\n',
      text: 'FROM node:22-slim\nUSER node\n',
    },
  },
  check(context) {
    const trusted = trustedRegistryEntries(context.settings);
    if (trusted.length === 0) return;
    for (const stage of context.dockerfile.stages) {
      const reference = stage.base.reference;
      if (!reference) continue; // scratch, an earlier stage, or a value only known at build time
      if (isTrustedImage(reference, trusted)) continue;
      const shown = registryShown(reference);
      context.report({
        range: stage.base.range,
        message: `Base image ${stage.base.written} comes from ${shown}, which is not among the trusted registries (${trusted.join(', ')}); pull it from one of them`,
      });
    }
  },
});

import type { ImageReference } from '../parse/dockerfileModel';

/**
 * `trustedRegistries` matching, shared by the Dockerfile rule (base-image-untrusted-registry) and
 * the Kubernetes rule (image-from-untrusted-registry): an image without a registry host is Docker
 * Hub's, Docker Hub's other names count as Docker Hub, `*.example.com` trusts every subdomain,
 * and an entry with a path (`ghcr.io/acme`) trusts only the repositories under it.
 */

/** The names Docker Hub answers to; an image without a registry host comes from there. */
const DOCKER_HUB = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com'];

/** The configured entries, trimmed and lower-cased; empty means the rules are silent. */
export function trustedRegistryEntries(settings: { trustedRegistries: readonly string[] }): string[] {
  return settings.trustedRegistries.map((r) => r.trim().toLowerCase()).filter((r) => r !== '');
}

export function isTrustedImage(reference: ImageReference, trusted: readonly string[]): boolean {
  const registry = (reference.registry ?? 'docker.io').toLowerCase();
  const hub = DOCKER_HUB.includes(registry);
  const names = hub ? DOCKER_HUB : [registry];
  // Docker Hub's official images live under library/: `node` is docker.io/library/node.
  const repository = (hub && !reference.repository.includes('/') ? `library/${reference.repository}` : reference.repository).toLowerCase();
  return trusted.some((entry) => {
    const slash = entry.indexOf('/');
    const host = slash === -1 ? entry : entry.slice(0, slash);
    const path = slash === -1 ? null : withoutTrailingSlashes(entry.slice(slash + 1));
    const hostMatches = names.some((name) => name === host || (host.startsWith('*.') && name.endsWith(host.slice(1))));
    return hostMatches && (path === null || repository === path || repository.startsWith(`${path}/`));
  });
}

/** How a message names where the image comes from: `ghcr.io`, or `docker.io (Docker Hub)`. */
export function registryShown(reference: ImageReference): string {
  return reference.registry ?? 'docker.io (Docker Hub)';
}

function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

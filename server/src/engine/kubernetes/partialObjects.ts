import type { Node as YamlNode, YAMLMap } from 'yaml';
import { pairOf, type KubernetesObject } from './objects';

/** `patch.yaml`, `deployment-patch.yml`, `patches/…`: Kustomize's naming habit for overlay patches. */
const PATCH_WORD = /(?:^|[-_.])patch(?:es)?(?:[-_.]|$)/i;

function namesPatch(fileName: string): boolean {
  return fileName.split(/[/\\]/).some((segment) => PATCH_WORD.test(segment));
}

const BUILT_IN_GROUP = /^(v1|(apps|batch|extensions)\/[^/]+)$/;

/**
 * A Kustomize patch (strategic merge) is a partial object: it names the containers it changes and
 * leaves the rest to the base, so in a file whose path names a patch, a container without `image`
 * or a pod spec without `containers` (both of which the API server rejects in a whole object)
 * mark one. Whatever such a document lacks may be in the base, and so may the fields that relax a
 * check (`os.name: windows`, `hostUsers: false`), and the overlay's `images` and `namespace` may
 * rewrite what it says: its pod specs are marked `unseen: 'all'`, so that rules claim only what
 * the patch itself sets (`privileged: true`), and the file says once which documents were checked
 * that way (`partial-object-not-checked`).
 *
 * Returns the partial objects, each with the node to report on (its `kind` key).
 */
export function partialObjects(fileName: string, objects: readonly KubernetesObject[]): { object: KubernetesObject; at: YamlNode }[] {
  // Only where the file says it holds patches: a whole manifest being typed has containers
  // without an image for a while, and they must keep their findings.
  if (!namesPatch(fileName)) return [];
  const found: { object: KubernetesObject; at: YamlNode }[] = [];
  for (const object of objects) {
    // Built-in workloads only: custom resources (Argo templates, Knative) shape their pods their own way.
    if (!BUILT_IN_GROUP.test(object.apiVersion)) continue;
    const partial = object.podSpecs.some((site) => site.spec.get('containers', true) === undefined || site.containers.some((c) => !pairOf(c.node, 'image')));
    if (!partial) continue;
    for (const site of object.podSpecs) {
      site.unseen = 'all';
      PARTIAL_SPECS.add(site.spec);
    }
    found.push({ object, at: (pairOf(object.node, 'kind')?.key as YamlNode | undefined) ?? object.node });
  }
  return found;
}

const PARTIAL_SPECS = new WeakSet<YAMLMap>();

/** Whether `key` of a pod spec may be set where this document cannot show it (a patch's base). */
export function mayBeSetElsewhere(spec: YAMLMap, key: string): boolean {
  return PARTIAL_SPECS.has(spec) && !spec.has(key);
}

/** Whether a finding may rest on what the overlay rewrites (`images`, `namespace`): a patch's. */
export function isPatch(object: KubernetesObject): boolean {
  return object.podSpecs.some((site) => site.unseen === 'all');
}

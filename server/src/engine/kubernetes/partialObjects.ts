import type { Node as YamlNode } from 'yaml';
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
 * mark one. Whatever such a document
 * lacks may be in the base: claims about missing settings would be false, so the document is left
 * out and the file says so once (`partial-object-not-checked`).
 *
 * Returns the node to report on (the object's `kind` pair) for the first partial object, or null.
 */
export function partialObjectAt(fileName: string, objects: readonly KubernetesObject[]): YamlNode | null {
  // Only where the file says it holds patches: a whole manifest being typed has containers
  // without an image for a while, and they must keep their findings.
  if (!namesPatch(fileName)) return null;
  for (const object of objects) {
    // Built-in workloads only: custom resources (Argo templates, Knative) shape their pods their own way.
    if (!BUILT_IN_GROUP.test(object.apiVersion)) continue;
    const partial = object.podSpecs.some((site) => site.spec.get('containers', true) === undefined || site.containers.some((c) => !pairOf(c.node, 'image')));
    if (partial) return (pairOf(object.node, 'kind')?.key as YamlNode | undefined) ?? object.node;
  }
  return null;
}

import type { Pair, YAMLMap } from 'yaml';
import { pairOf, scalarValue } from '../../kubernetes/objects';
import { absenceIsCertain, containerAnchor, containerOf, isWindowsPod, podSpecs, securityContextOf } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

const LOWEST_SAFE_ID = 10001;

/** `runAsUser` / `runAsGroup` as the kubelet applies it: the container's own, else the pod's. */
function effectiveId(pod: YAMLMap, container: YAMLMap, key: 'runAsUser' | 'runAsGroup'): { value: unknown; pair: Pair | null } {
  for (const owner of [container, pod]) {
    const sc = securityContextOf(owner);
    const pair = sc ? pairOf(sc, key) : undefined;
    if (pair && scalarValue(sc, key) !== null && scalarValue(sc, key) !== undefined) return { value: scalarValue(sc, key), pair };
  }
  return { value: undefined, pair: null };
}

/**
 * A UID or GID of 10000 or below is likely to be a real user or group on the node (system
 * accounts, the first human users); a container escaping as that user gets that user's files.
 * Strict profile, as in kube-score and Trivy. UID 0 is left to `run-as-user-zero` and
 * `run-as-root-allowed` (GID 0, the root group, is reported here); Windows pods are skipped (the fields mean nothing there).
 */
export default defineRule({
  meta: {
    id: 'user-or-group-id-low',
    title: 'Container runs with a UID or GID of 10000 or below',
    defaultSeverity: 'info',
    appliesTo: 'kubernetes',
    category: 'privilege',
    profile: 'strict',
    refs: {
      trivy: ['KSV-0020', 'KSV-0021'],
      kubeScore: ['container-security-context-user-group-id'],
      checkov: ['CKV_K8S_40'],
    },
    fixable: false,
    rationale:
      "Containers share the node's kernel and its user ids. A UID or GID of 10000 or below is probably taken on the node by a system account or a login user, so a process that breaks out of the container (or a hostPath mount, or a shared volume) acts on that account's files. Ids above 10000 are unlikely to exist on the host. Set `runAsUser` and `runAsGroup` above 10000 (10001 is common; distroless images use 65532) in the pod's or the container's `securityContext`. Unset, the image's `USER` decides, which is root for most images. Strict profile: the image must work under the chosen id.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 1000\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      if (isWindowsPod(site.spec)) continue;
      for (const container of site.containers) {
        const problems: string[] = [];
        let at: Pair | null = null;
        for (const [key, what] of [
          ['runAsUser', 'UID'],
          ['runAsGroup', 'GID'],
        ] as const) {
          const { value, pair } = effectiveId(site.spec, container.node, key);
          if (value === undefined && absenceIsCertain(site, 'pod')) problems.push(`sets no ${key} (the image decides the ${what})`);
          // UID 0 is the Pod Security rules' (run-as-user-zero, run-as-root-allowed); GID 0 is the root group.
          else if (typeof value === 'number' && (value !== 0 || key === 'runAsGroup') && value < LOWEST_SAFE_ID) {
            problems.push(`runs with ${what} ${value}${value === 0 ? ' (the root group)' : ''}`);
            at ??= pair;
          }
        }
        if (problems.length === 0) continue;
        context.report({
          range: at ? context.rangeOfPair(at) : containerAnchor(context, container.node),
          message: `${containerOf(container, object)} ${problems.join(' and ')}: ids of 10000 and below may belong to users on the node (use ids above 10000)`,
        });
      }
    }
  },
});

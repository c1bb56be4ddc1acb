import type { Pair, YAMLMap } from 'yaml';
import { FALLBACK_NON_ROOT_UID } from '../../dockerfile/nonRootBaseImages';
import { pairOf, scalarValue } from '../../kubernetes/objects';
import { admissionMessage, enforces, inUserNamespace, nonRootUidFor, podSpecs, securityContextOf, securityContextOwners } from '../../kubernetes/podSecurity';
import { setSecurityContextKey } from '../../kubernetes/securityContextEdits';
import { defineRule, type KubernetesContext } from '../../rule';

/**
 * `runAsUser: 0` names root outright. The restricted Pod Security Standard (1.23+) forbids it on
 * the pod and on every container, unless the pod runs in a user namespace (`hostUsers: false`,
 * 1.35+). The fix puts the image's own non-root UID (65532 for distroless) or 10001 in its place.
 */
export default defineRule({
  meta: {
    id: 'run-as-user-zero',
    title: 'Pod or container runs as UID 0',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      pss: [{ level: 'restricted', control: 'runAsUser' }],
      trivy: ['KSV-0105'],
    },
    fixable: true,
    rationale:
      "`securityContext.runAsUser: 0` runs the container's processes as root whatever the image declares, so a container escape or a writable host path hands over the node as root. The restricted Pod Security Standard forbids UID 0 on the pod and on every container, init container and ephemeral container; pods that run in a user namespace (`hostUsers: false`) are exempt, since their root is an unprivileged user on the node. Use the image's own non-root UID (65532 for distroless and Chainguard images).",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    if (!enforces(context, 'restricted')) return;
    for (const { object, site } of podSpecs(context)) {
      if (inUserNamespace(site.spec)) continue;
      for (const { owner, container, who, setter } of securityContextOwners(object, site)) {
        const pair = rootUid(owner);
        const uid = container ? nonRootUidFor(scalarValue(owner, 'image')) : FALLBACK_NON_ROOT_UID;
        if (pair) report(context, owner, pair, `${who} sets runAsUser: 0`, setter, uid);
      }
    }
  },
});

function rootUid(owner: YAMLMap): Pair | null {
  const sc = securityContextOf(owner);
  const pair = sc ? pairOf(sc, 'runAsUser') : undefined;
  return pair && scalarValue(sc, 'runAsUser') === 0 ? pair : null;
}

function report(context: KubernetesContext, owner: YAMLMap, pair: Pair, what: string, setter: string, uid: string): void {
  const edits = setSecurityContextKey(context, owner, 'runAsUser', uid);
  context.report({
    range: context.rangeOfPair(pair),
    message: admissionMessage(context, `${what}, so it runs as root`, 'runAsUser=0', `${setter} must not set runAsUser=0`),
    ...(edits.length > 0 ? { fix: { title: `Set runAsUser: ${uid}`, edits } } : {}),
  });
}

import type { Pair, YAMLMap } from 'yaml';
import { pairOf, scalarValue, type KubernetesObject, type PodSpecSite } from '../../kubernetes/objects';
import { FALLBACK_NON_ROOT_UID } from '../../dockerfile/nonRootBaseImages';
import {
  absenceIsCertain,
  admissionMessage,
  containerAnchor,
  containerOf,
  enforces,
  inUserNamespace,
  nonRootUidFor,
  objectLabel,
  podSpecs,
  quotedContainer,
  securityContextOf,
  writtenValue,
} from '../../kubernetes/podSecurity';
import { setSecurityContextKeys } from '../../kubernetes/securityContextEdits';
import { booleanSetting } from '../../kubernetes/typedFields';
import { defineRule, type KubernetesContext } from '../../rule';
import type { Fix } from '../../types';

/**
 * Without `runAsNonRoot: true` nothing stops a container from running as UID 0, whatever its
 * image says. The restricted Pod Security Standard checks it with pod/container precedence: a
 * container's own setting wins; when it has none, the pod's `spec.securityContext` must say true;
 * a pod-level `false` is itself a violation. Pods with `hostUsers: false` run in a user namespace,
 * where root in the container is not root on the node, and are exempt.
 */
export default defineRule({
  meta: {
    id: 'run-as-root-allowed',
    title: 'Container may run as root',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      pss: [{ level: 'restricted', control: 'runAsNonRoot' }],
      trivy: ['KSV-0012'],
      polaris: ['runAsRootAllowed'],
      kubeLinter: ['run-as-non-root'],
      checkov: ['CKV_K8S_23'],
    },
    fixable: true,
    rationale:
      'A process running as root inside a container is root on the node as far as the kernel is concerned: a container escape, a writable host mount or a kernel bug then hands over the machine. `securityContext.runAsNonRoot: true` makes the kubelet refuse to start a container whose user is UID 0, whatever the image declares. The restricted Pod Security Standard requires it on every container, init container and ephemeral container, either on the container or inherited from the pod\'s `spec.securityContext`; a container\'s own `false` overrides the pod\'s `true`, and a pod-level `false` is a violation in itself. Pods with `hostUsers: false` run in a user namespace and are exempt. Set a non-zero `runAsUser` (65532 for distroless images) if the image itself runs as root.',
    compliant: {
      fileName: 'deploy.yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'deploy.yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
  },
  check(context) {
    if (!enforces(context, 'restricted')) return;
    for (const { object, site } of podSpecs(context)) checkPodSpec(context, object, site);
  },
});

const REASON = 'runAsNonRoot != true';

function checkPodSpec(context: KubernetesContext, object: KubernetesObject, site: PodSpecSite): void {
  // A user namespace maps container root to an unprivileged host user (PSA 1.35+).
  if (inUserNamespace(site.spec)) return;
  const podContext = securityContextOf(site.spec);
  const pod = setting(podContext);
  const podUid = scalarValue(podContext, 'runAsUser');
  const owner = objectLabel(object);
  if (pod.explicit && pod.value !== true && pod.value !== 'rejected' && pod.pair) {
    const fix = nonRootFix(context, site.spec, podUid === 0 ? FALLBACK_NON_ROOT_UID : null, ' on the pod');
    context.report({
      range: context.rangeOfPair(pod.pair),
      message: admissionMessage(context, `The pod spec of ${owner} sets runAsNonRoot: ${writtenValue(context, pod.pair)}, so its containers may run as root${rootUidNote(podUid)}`, REASON, 'pod must not set securityContext.runAsNonRoot=false'),
      ...(fix ? { fix } : {}),
    });
  }
  for (const container of site.containers) {
    const own = setting(securityContextOf(container.node));
    // A string or a number there makes the API server refuse the object: boolean-field-not-a-boolean says so.
    if (own.value === true || own.value === 'rejected') continue;
    const uid = scalarValue(securityContextOf(container.node), 'runAsUser') ?? podUid;
    const who = containerOf(container, object);
    let message: string;
    let detail: string;
    if (own.explicit && own.pair) {
      const overrides = pod.value === true ? ', overriding the pod-level runAsNonRoot: true' : '';
      message = `${who} sets runAsNonRoot: ${writtenValue(context, own.pair)}${overrides}, so it may run as root`;
      detail = `${quotedContainer(container)} must not set securityContext.runAsNonRoot=false`;
    } else if (pod.value === true || pod.explicit) {
      // Inherits true, or the pod-level false already reported (and fixed) above, or a pod-level value the API server refuses.
      continue;
    } else if (!absenceIsCertain(site, 'pod')) {
      // The pod-level runAsNonRoot may come from elsewhere (a Tekton podTemplate, a patch's base).
      continue;
    } else {
      message = `${who} may run as root: neither it nor its pod sets runAsNonRoot: true`;
      detail = `pod or ${quotedContainer(container)} must set securityContext.runAsNonRoot=true`;
    }
    const fix = nonRootFix(context, container.node, uid === 0 ? nonRootUidFor(scalarValue(container.node, 'image')) : null, '');
    context.report({
      range: own.explicit && own.pair ? context.rangeOfPair(own.pair) : containerAnchor(context, container.node),
      message: admissionMessage(context, `${message}${rootUidNote(uid)}`, REASON, detail),
      ...(fix ? { fix } : {}),
    });
  }
}

/**
 * `runAsNonRoot: true`, and a non-zero `runAsUser` in place of a UID 0 that would otherwise stop
 * the kubelet from starting the container: a fix must not turn a running workload into one that
 * never starts.
 */
function nonRootFix(context: KubernetesContext, owner: YAMLMap, uid: string | null, where: string): Fix | undefined {
  const entries: [string, string][] = [['runAsNonRoot', 'true']];
  if (uid !== null) entries.push(['runAsUser', uid]);
  const edits = setSecurityContextKeys(context, owner, entries);
  if (edits.length === 0) return undefined;
  return { title: `Set runAsNonRoot: true${uid !== null ? ` and runAsUser: ${uid}` : ''}${where}`, edits };
}

interface Setting {
  pair: Pair | undefined;
  /** Set to a value (PSA treats an empty `runAsNonRoot:` as unset). */
  explicit: boolean;
  value: ReturnType<typeof booleanSetting>;
}

function setting(securityContext: YAMLMap | null): Setting {
  const pair = securityContext ? pairOf(securityContext, 'runAsNonRoot') : undefined;
  const value = booleanSetting(securityContext, 'runAsNonRoot');
  return { pair, explicit: pair !== undefined && value !== null, value };
}

/** UID 0 passes this control on paper but fails at runtime once runAsNonRoot is true. */
function rootUidNote(uid: unknown): string {
  return uid === 0 ? '; it also runs as runAsUser: 0, which must change to a non-zero UID or the kubelet will refuse to start it' : '';
}

import { CONFINING_PROFILE_TYPES, admissionMessage, enforcedLevel, isWindowsPod, podSpecs, seccompOf, securityContextOwners, type ProfileSetting } from '../../kubernetes/podSecurity';
import { replacePairValue } from '../../kubernetes/securityContextEdits';
import { defineRule, type KubernetesContext } from '../../rule';

/**
 * A seccomp profile other than RuntimeDefault or Localhost (in practice `Unconfined`) turns off
 * the system-call filter. Both Pod Security levels forbid it, on the pod and on each container,
 * in the field or in the legacy annotation the API server copies into an unset field. At the
 * restricted level Windows pods are exempt (the restricted check replaces the baseline one).
 */
export default defineRule({
  meta: {
    id: 'seccomp-unconfined',
    title: 'Seccomp is turned off',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [
        { level: 'baseline', control: 'seccompProfile_baseline' },
        { level: 'restricted', control: 'seccompProfile_restricted' },
      ],
      trivy: ['KSV-0104'],
      checkov: ['CKV_K8S_31'],
    },
    fixable: true,
    rationale:
      "Seccomp filters the system calls a container may make; the container runtime's default profile blocks the few hundred a workload never needs and many kernel exploits rely on (`unshare`, `keyctl`, `bpf`, `ptrace` on older kernels). `seccompProfile.type: Unconfined` (or the legacy annotation `unconfined`) removes that filter. Both Pod Security levels forbid it on the pod and on every container. Use `RuntimeDefault`, or a `Localhost` profile tuned for the workload.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    const restricted = enforcedLevel(context) === 'restricted';
    for (const { object, site } of podSpecs(context)) {
      if (restricted && isWindowsPod(site.spec)) continue;
      for (const { container, who, setter } of securityContextOwners(object, site)) {
        const profile = seccompOf(site, container);
        if (profile && !CONFINING_PROFILE_TYPES.has(profile.type)) report(context, profile, who, setter);
      }
    }
  },
});

function report(context: KubernetesContext, profile: ProfileSetting, who: string, setter: string): void {
  const where = profile.annotation ? `the annotation ${profile.annotation}: ${profile.written} (the API server copies it into the unset seccompProfile field)` : `seccompProfile type ${profile.type === '' ? '""' : profile.type}`;
  const edits = profile.replaceable ? replacePairValue(context, profile.pair, profile.annotation ? 'runtime/default' : 'RuntimeDefault') : [];
  context.report({
    range: context.rangeOfPair(profile.pair),
    message: admissionMessage(context, `${who} turns seccomp off with ${where}`, 'seccompProfile', `${setter} must not set securityContext.seccompProfile.type to "${profile.type}"`),
    ...(edits.length > 0 ? { fix: { title: profile.annotation ? 'Set the annotation to runtime/default' : 'Set seccompProfile type: RuntimeDefault', edits } } : {}),
  });
}

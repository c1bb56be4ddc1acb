import { CONFINING_PROFILE_TYPES, absenceIsCertain, admissionMessage, containerAnchor, containerOf, quotedContainer, restrictedLinuxPodSpecs, seccompOf } from '../../kubernetes/podSecurity';
import { map, mergeEdits, scalar } from '../../kubernetes/yamlMerge';
import { defineRule } from '../../rule';

/**
 * The restricted Pod Security Standard (1.19+) requires a seccomp profile on every container:
 * its own, or the pod's (`seccompProfile_restricted`); Windows pods are exempt. A profile that is
 * set but turns seccomp off is `seccomp-unconfined`'s finding. The fix sets RuntimeDefault on the
 * pod, which every container inherits.
 */
export default defineRule({
  meta: {
    id: 'seccomp-profile-missing',
    title: 'No seccomp profile',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [{ level: 'restricted', control: 'seccompProfile_restricted' }],
      trivy: ['KSV-0030'],
      polaris: ['linuxHardening'],
      kubeScore: ['container-seccomp-profile'],
      checkov: ['CKV_K8S_31'],
    },
    fixable: true,
    rationale:
      "Unless a pod or container names a seccomp profile, the kubelet runs it Unconfined (unless the cluster turned on `SeccompDefault`), with every system call open to it, including those most container escapes use. The restricted Pod Security Standard requires `seccompProfile.type` RuntimeDefault or Localhost on the pod (inherited by its containers) or on each container. `spec.securityContext.seccompProfile: {type: RuntimeDefault}` is the usual answer.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    for (const { object, site } of restrictedLinuxPodSpecs(context)) {
      // A pod-level profile, good or bad, settles it: inherited, or reported as unconfined.
      if (seccompOf(site, null) || !absenceIsCertain(site, 'pod')) continue;
      for (const container of site.containers) {
        if (seccompOf(site, container)) continue;
        const edits = mergeEdits(context, site.spec, [['securityContext', map(['seccompProfile', map(['type', scalar('RuntimeDefault', (v) => CONFINING_PROFILE_TYPES.has(String(v)))])])]]);
        context.report({
          range: containerAnchor(context, container.node),
          message: admissionMessage(context, `${containerOf(container, object)} has no seccomp profile, and neither has its pod`, 'seccompProfile', `pod or ${quotedContainer(container)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`),
          ...(edits && edits.length > 0 ? { fix: { title: 'Set seccompProfile type: RuntimeDefault on the pod', edits } } : {}),
        });
      }
    }
  },
});

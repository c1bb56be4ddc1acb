import { mapAt } from '../../kubernetes/objects';
import {
  BASELINE_CAPABILITIES,
  RESTRICTED_ADDABLE_CAPABILITY,
  admissionMessage,
  containerOf,
  enforcedLevel,
  isWindowsPod,
  podSpecs,
  quotedContainer,
  scalarItems,
} from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

/**
 * `capabilities.add` may hold only the runtime's default set at baseline (`capabilities_baseline`)
 * and only NET_BIND_SERVICE at restricted (`capabilities_restricted`, which replaces the baseline
 * check there and skips Windows pods). Each forbidden capability is reported where it is listed.
 * No fix: what the workload needs the capability for is the author's to judge.
 */
export default defineRule({
  meta: {
    id: 'forbidden-capability-added',
    title: 'Container adds a forbidden Linux capability',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      pss: [
        { level: 'baseline', control: 'capabilities_baseline' },
        { level: 'restricted', control: 'capabilities_restricted' },
      ],
      trivy: ['KSV-0022', 'KSV-0005', 'KSV-0119', 'KSV-0120'],
      polaris: ['dangerousCapabilities', 'insecureCapabilities'],
      checkov: ['CKV_K8S_25', 'CKV_K8S_39'],
    },
    fixable: false,
    rationale:
      'Capabilities split root\'s power into pieces; some pieces are most of the whole (`SYS_ADMIN` mounts file systems and escapes containers, `NET_ADMIN` rewrites the node\'s network as seen from the pod, `SYS_PTRACE` reads other processes, `NET_RAW` spoofs packets). The baseline Pod Security Standard allows adding only the container runtime\'s default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT); the restricted standard allows only NET_BIND_SERVICE, to listen on ports below 1024.',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [ALL]\n          add: [NET_BIND_SERVICE]\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [ALL]\n          add: [SYS_ADMIN]\n',
    },
  },
  check(context) {
    const restricted = enforcedLevel(context) === 'restricted';
    const allowed = (cap: string): boolean => (restricted ? cap === RESTRICTED_ADDABLE_CAPABILITY : BASELINE_CAPABILITIES.has(cap));
    const limit = restricted ? 'only NET_BIND_SERVICE may be added' : 'it is not in the default set';
    for (const { object, site } of podSpecs(context)) {
      if (restricted && isWindowsPod(site.spec)) continue;
      for (const container of site.containers) {
        for (const cap of scalarItems(mapAt(container.node, ['securityContext', 'capabilities']), 'add')) {
          if (allowed(cap.value)) continue;
          context.report({
            range: context.rangeOf(cap.node),
            message: admissionMessage(context, `${containerOf(container, object)} adds the capability ${cap.value} (${limit})`, restricted ? 'unrestricted capabilities' : 'non-default capabilities', `${quotedContainer(container)} must not include "${cap.value}" in securityContext.capabilities.add`),
          });
        }
      }
    }
  },
});

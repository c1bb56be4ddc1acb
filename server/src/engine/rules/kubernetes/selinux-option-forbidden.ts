import type { YAMLMap } from 'yaml';
import { mapAt, pairOf, scalarString } from '../../kubernetes/objects';
import { SELINUX_TYPES, admissionMessage, podSpecs, securityContextOf, securityContextOwners } from '../../kubernetes/podSecurity';
import { defineRule, type KubernetesContext } from '../../rule';

/**
 * SELinux labels decide what a container process may touch on the node. The baseline Pod
 * Security Standard allows only the container types (`container_t`, `container_init_t`,
 * `container_kvm_t`, `container_engine_t`) and forbids any custom `user` or `role`, on the pod and
 * on every container.
 */
export default defineRule({
  meta: {
    id: 'selinux-option-forbidden',
    title: 'SELinux options escape the container policy',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [{ level: 'baseline', control: 'seLinuxOptions' }],
      trivy: ['KSV-0025'],
    },
    fixable: false,
    rationale:
      "On SELinux nodes the container runtime labels every container process `container_t`, a type that may not read or write the host's files. A pod that sets `seLinuxOptions.type` to another type (`spc_t`, `unconfined_t`) or sets a `user` or `role` leaves that confinement: `spc_t` is the \"super-privileged container\" type. The baseline Pod Security Standard allows only `container_t`, `container_init_t`, `container_kvm_t` and `container_engine_t`, and no custom user or role. The level (`seLinuxOptions.level`) stays free.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seLinuxOptions:\n      level: "s0:c123,c456"\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        seLinuxOptions:\n          type: spc_t\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      for (const { owner, who, setter } of securityContextOwners(object, site)) check(context, owner, who, setter);
    }
  },
});

function check(context: KubernetesContext, owner: YAMLMap, who: string, setter: string): void {
  const sc = securityContextOf(owner);
  const options = sc ? mapAt(sc, ['seLinuxOptions']) : null;
  if (!options) return;
  const type = scalarString(options.get('type', true)) ?? '';
  const typePair = pairOf(options, 'type');
  if (typePair && !SELINUX_TYPES.has(type)) {
    context.report({
      range: context.rangeOfPair(typePair),
      message: admissionMessage(context, `${who} sets the SELinux type ${type}, outside the container types`, 'seLinuxOptions', `${setter} set forbidden securityContext.seLinuxOptions: type "${type}"`),
    });
  }
  for (const key of ['user', 'role'] as const) {
    const pair = pairOf(options, key);
    const value = scalarString(options.get(key, true)) ?? '';
    if (!pair || value === '') continue;
    context.report({
      range: context.rangeOfPair(pair),
      message: admissionMessage(context, `${who} sets a custom SELinux ${key} (${value})`, 'seLinuxOptions', `${setter} set forbidden securityContext.seLinuxOptions: ${key} may not be set`),
    });
  }
}

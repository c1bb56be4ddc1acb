import {
  APPARMOR_ANNOTATION_PREFIX,
  CONFINING_PROFILE_TYPES,
  admissionMessage,
  annotationsOf,
  objectLabel,
  podSpecs,
  profileField,
  securityContextOwners,
  type ProfileSetting,
} from '../../kubernetes/podSecurity';
import { scalarString } from '../../kubernetes/objects';
import { replacePairValue } from '../../kubernetes/securityContextEdits';
import { defineRule, type KubernetesContext } from '../../rule';

/**
 * AppArmor confines what files and capabilities a process may use. The baseline Pod Security
 * Standard forbids overriding the runtime's default profile with anything but another profile:
 * `appArmorProfile.type` must be RuntimeDefault or Localhost (pod, containers, init and ephemeral
 * containers), and the legacy `container.apparmor.security.beta.kubernetes.io/*` annotations must
 * be `runtime/default`, `localhost/…` or empty.
 */
export default defineRule({
  meta: {
    id: 'apparmor-unconfined',
    title: 'AppArmor is turned off',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [{ level: 'baseline', control: 'appArmorProfile' }],
      trivy: ['KSV-0002'],
    },
    fixable: true,
    rationale:
      "On nodes with AppArmor the container runtime applies its default profile, which denies writes to /proc and /sys, mounts and raw access to many kernel interfaces. `appArmorProfile.type: Unconfined` (or the annotation value `unconfined`) removes it, so an attacker inside the container meets one barrier fewer on the way to the node. The baseline Pod Security Standard allows only `RuntimeDefault` and `Localhost` profiles (annotations: `runtime/default`, `localhost/<profile>`).",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        appArmorProfile:\n          type: Unconfined\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      for (const { owner, who, setter } of securityContextOwners(object, site)) {
        const profile = profileField(owner, 'appArmorProfile');
        if (profile && !CONFINING_PROFILE_TYPES.has(profile.type)) report(context, profile, who, setter);
      }
      for (const [key, pair] of annotationsOf(site)) {
        if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
        const value = scalarString(pair.value) ?? '';
        if (value === '' || value === 'runtime/default' || value.startsWith('localhost/')) continue;
        report(context, { type: value, pair, annotation: key, written: value, replaceable: true }, objectLabel(object), 'annotations');
      }
    }
  },
});

function report(context: KubernetesContext, profile: ProfileSetting, who: string, setter: string): void {
  const value = profile.annotation ? `${profile.annotation}="${profile.written}"` : profile.type;
  const where = profile.annotation ? `the annotation ${profile.annotation}: ${profile.written}` : `appArmorProfile type ${profile.type === '' ? '""' : profile.type}`;
  const edits = profile.replaceable ? replacePairValue(context, profile.pair, profile.annotation ? 'runtime/default' : 'RuntimeDefault') : [];
  context.report({
    range: context.rangeOfPair(profile.pair),
    message: admissionMessage(context, `${who} overrides the default AppArmor profile with ${where}`, 'forbidden AppArmor profile', `${setter} must not set AppArmor profile type to "${value}"`),
    ...(edits.length > 0 ? { fix: { title: profile.annotation ? 'Set the annotation to runtime/default' : 'Set appArmorProfile type: RuntimeDefault', edits } } : {}),
  });
}

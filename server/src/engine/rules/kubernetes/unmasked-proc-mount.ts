import { pairOf, scalarString } from '../../kubernetes/objects';
import { admissionMessage, containerOf, enforcedLevel, inUserNamespace, podSpecs, quotedContainer, securityContextOf } from '../../kubernetes/podSecurity';
import { replacePairValue } from '../../kubernetes/securityContextEdits';
import { defineRule } from '../../rule';

/**
 * `procMount: Unmasked` mounts /proc without the runtime's masks and read-only paths. Baseline
 * allows only `Default`, except in pods with their own user namespace (`hostUsers: false`, 1.35+);
 * restricted allows only `Default`, user namespace or not (`procMount_restricted`).
 */
export default defineRule({
  meta: {
    id: 'unmasked-proc-mount',
    title: 'Container mounts /proc unmasked',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [
        { level: 'baseline', control: 'procMount' },
        { level: 'restricted', control: 'procMount_restricted' },
      ],
      trivy: ['KSV-0027'],
      polaris: ['procMount'],
      kubeLinter: ['unsafe-proc-mount'],
    },
    fixable: true,
    rationale:
      "The container runtime masks parts of /proc (`/proc/kcore`, `/proc/sys`, `/proc/sysrq-trigger`…) and makes others read-only, because they expose the node's kernel. `securityContext.procMount: Unmasked` removes those masks. The baseline Pod Security Standard allows it only for pods in their own user namespace (`hostUsers: false`); the restricted standard never allows it.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        procMount: Default\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        procMount: Unmasked\n',
    },
  },
  check(context) {
    const restricted = enforcedLevel(context) === 'restricted';
    for (const { object, site } of podSpecs(context)) {
      const userNamespace = inUserNamespace(site.spec);
      if (userNamespace && !restricted) continue;
      for (const container of site.containers) {
        const sc = securityContextOf(container.node);
        const pair = sc ? pairOf(sc, 'procMount') : undefined;
        const value = scalarString(pair?.value);
        if (!pair || value === null || value === 'Default') continue;
        const note = userNamespace ? ' (hostUsers: false relaxes this at baseline only)' : '';
        const edits = replacePairValue(context, pair, 'Default');
        context.report({
          range: context.rangeOfPair(pair),
          message: admissionMessage(context, `${containerOf(container, object)} mounts /proc with procMount: ${value}${note}`, 'procMount', `${quotedContainer(container)} must not set securityContext.procMount to "${value}"`),
          ...(edits.length > 0 ? { fix: { title: 'Set procMount: Default', edits } } : {}),
        });
      }
    }
  },
});

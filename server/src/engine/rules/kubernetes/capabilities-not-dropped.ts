import { mapAt, pairOf } from '../../kubernetes/objects';
import { absenceIsCertain, admissionMessage, containerAnchor, containerOf, quotedContainer, restrictedLinuxPodSpecs, scalarItems, securityContextOf } from '../../kubernetes/podSecurity';
import { includes, map, mergeEdits } from '../../kubernetes/yamlMerge';
import { defineRule } from '../../rule';

/**
 * The restricted Pod Security Standard (1.22+) requires every container to drop ALL capabilities
 * (`capabilities_restricted`); Windows pods are exempt. `ALL` must be written exactly so: the API
 * server compares strings.
 */
export default defineRule({
  meta: {
    id: 'capabilities-not-dropped',
    title: 'Container keeps the default Linux capabilities',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      pss: [{ level: 'restricted', control: 'capabilities_restricted' }],
      trivy: ['KSV-0003', 'KSV-0106'],
      polaris: ['insecureCapabilities'],
      checkov: ['CKV_K8S_37'],
    },
    fixable: true,
    rationale:
      "Even without `add`, a container starts with the runtime's default capabilities: CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW (packet spoofing), MKNOD and more, most of which a web service never uses and an attacker gladly does. The restricted Pod Security Standard requires `securityContext.capabilities.drop: [ALL]` on every container, init container and ephemeral container (Windows pods are exempt); add back NET_BIND_SERVICE if the process must listen below port 1024.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop:\n            - ALL\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    for (const { object, site } of restrictedLinuxPodSpecs(context)) {
      for (const container of site.containers) {
        const capabilities = mapAt(container.node, ['securityContext', 'capabilities']);
        const dropped = scalarItems(capabilities, 'drop');
        if (dropped.some((c) => c.value === 'ALL') || !absenceIsCertain(site, 'container')) continue;
        const sc = securityContextOf(container.node);
        const pair = (capabilities ? pairOf(capabilities, 'drop') : undefined) ?? (sc ? pairOf(sc, 'capabilities') : undefined);
        const what = dropped.length > 0 ? `drops only ${dropped.map((c) => c.value).join(', ')}, not ALL capabilities` : 'keeps the default Linux capabilities (no capabilities.drop: [ALL])';
        const edits = mergeEdits(context, container.node, [['securityContext', map(['capabilities', map(['drop', includes('ALL')])])]]);
        context.report({
          range: pair ? context.rangeOfPair(pair) : containerAnchor(context, container.node),
          message: admissionMessage(context, `${containerOf(container, object)} ${what}`, 'unrestricted capabilities', `${quotedContainer(container)} must set securityContext.capabilities.drop=["ALL"]`),
          ...(edits && edits.length > 0 ? { fix: { title: 'Drop ALL capabilities', edits } } : {}),
        });
      }
    }
  },
});

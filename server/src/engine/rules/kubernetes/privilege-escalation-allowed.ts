import type { YAMLMap } from 'yaml';
import { yamlLibrary } from '../../../parse/yamlDocuments';
import { mapAt, pairOf, scalarString, scalarValue, type ContainerSite, type KubernetesObject } from '../../kubernetes/objects';
import { absenceIsCertain, admissionMessage, containerAnchor, containerOf, quotedContainer, restrictedLinuxPodSpecs, securityContextOf, writtenValue } from '../../kubernetes/podSecurity';
import { setSecurityContextKeys } from '../../kubernetes/securityContextEdits';
import { booleanSetting } from '../../kubernetes/typedFields';
import { defineRule, type KubernetesContext } from '../../rule';
import type { Fix } from '../../types';

/**
 * `allowPrivilegeEscalation` decides the kernel's `no_new_privs` flag: unless it is explicitly
 * false, a setuid binary or file capability inside the container can raise the process above the
 * privileges it started with. The restricted Pod Security Standard requires `false` on every
 * container, init container and ephemeral container; Windows pods (`spec.os.name: windows`) are
 * exempt because the flag means nothing there.
 */
export default defineRule({
  meta: {
    id: 'privilege-escalation-allowed',
    title: 'Container may escalate its privileges',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      pss: [{ level: 'restricted', control: 'allowPrivilegeEscalation' }],
      trivy: ['KSV-0001'],
      polaris: ['privilegeEscalationAllowed'],
      kubeLinter: ['privilege-escalation-container'],
      checkov: ['CKV_K8S_20'],
    },
    fixable: true,
    rationale:
      'Unless `securityContext.allowPrivilegeEscalation` is explicitly `false`, the container process runs without the kernel\'s `no_new_privs` flag, so a setuid-root binary (`su`, `sudo`, `ping` in many images) or a file capability lets an attacker who got code execution become root inside the container, one step from the node. Kubernetes leaves the flag on by default, which is why the restricted Pod Security Standard requires it to be set to `false` on every container, init container and ephemeral container (Windows pods are exempt). A privileged container always escalates, whatever the flag says.',
    compliant: {
      fileName: 'deploy.yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          securityContext:\n            allowPrivilegeEscalation: false\n',
    },
    nonCompliant: {
      fileName: 'deploy.yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
  },
  check(context) {
    // PSA skips this control for pods that declare themselves Windows (since 1.25).
    for (const { object, site } of restrictedLinuxPodSpecs(context)) {
      for (const container of site.containers) checkContainer(context, object, container, absenceIsCertain(site, 'container'));
    }
  },
});

function checkContainer(context: KubernetesContext, object: KubernetesObject, container: ContainerSite, unsetIsCertain: boolean): void {
  const securityContext = securityContextOf(container.node);
  const pair = securityContext ? pairOf(securityContext, 'allowPrivilegeEscalation') : undefined;
  const setting = booleanSetting(securityContext, 'allowPrivilegeEscalation');
  // A string or a number there makes the API server refuse the object: boolean-field-not-a-boolean says so.
  if (setting === false || setting === 'rejected') return;
  const privilegedPair = securityContext ? pairOf(securityContext, 'privileged') : undefined;
  const privileged = scalarValue(securityContext, 'privileged') === true;
  // Privileged by a recorded choice (privileged-container ignored here): the fix must not undo it.
  const privilegedByChoice = privileged && privilegedPair !== undefined && context.isSuppressed('privileged-container', context.rangeOfPair(privilegedPair));
  const sysAdmin = addsCapSysAdmin(container.node);
  const who = containerOf(container, object);
  const unset = pair === undefined || setting === null;
  if (unset && !unsetIsCertain) return;
  const what = unset ? 'does not set allowPrivilegeEscalation: false' : `sets allowPrivilegeEscalation: ${writtenValue(context, pair)} instead of false`;
  let message = `${who} ${what}, so setuid binaries can raise its privileges`;
  if (privileged) message = `${who} runs privileged, which always allows privilege escalation, and ${what}`;
  if (sysAdmin) message += '; it adds CAP_SYS_ADMIN, which the API server does not accept together with allowPrivilegeEscalation: false';
  if (privilegedByChoice) message += '; privileged-container is ignored here, so no fix is offered (the API server rejects allowPrivilegeEscalation: false on a privileged container)';
  const fix = sysAdmin || privilegedByChoice ? undefined : escalationFix(context, container.node, privileged);
  context.report({
    range: pair ? context.rangeOfPair(pair) : containerAnchor(context, container.node),
    message: admissionMessage(context, message, 'allowPrivilegeEscalation != false', `${quotedContainer(container)} must set securityContext.allowPrivilegeEscalation=false`),
    ...(fix ? { fix } : {}),
  });
}

function addsCapSysAdmin(container: YAMLMap): boolean {
  const added = mapAt(container, ['securityContext', 'capabilities'])?.get('add', true);
  return yamlLibrary().isSeq(added) && added.items.some((c) => scalarString(c) === 'CAP_SYS_ADMIN');
}

/**
 * The API server rejects `allowPrivilegeEscalation: false` next to `privileged: true`, so a
 * privileged container is made unprivileged in the same fix. (Next to an added `CAP_SYS_ADMIN` it
 * is rejected too; such a container gets no fix, since dropping the capability is a decision.)
 */
function escalationFix(context: KubernetesContext, owner: YAMLMap, privileged: boolean): Fix | undefined {
  const entries: [string, string][] = [['allowPrivilegeEscalation', 'false']];
  if (privileged) entries.push(['privileged', 'false']);
  const edits = setSecurityContextKeys(context, owner, entries);
  if (edits.length === 0) return undefined;
  return { title: `Set allowPrivilegeEscalation: false${privileged ? ' and privileged: false' : ''}`, edits };
}

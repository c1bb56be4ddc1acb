import type { YAMLMap } from 'yaml';
import { mapAt, pairOf, scalarValue } from '../../kubernetes/objects';
import { admissionMessage, podSpecs, securityContextOwners } from '../../kubernetes/podSecurity';
import { defineRule, type KubernetesContext } from '../../rule';

/**
 * A Windows HostProcess container runs directly on the node, as a node account, with the node's
 * network and file system. The baseline Pod Security Standard forbids
 * `windowsOptions.hostProcess: true` on the pod and on every container.
 */
export default defineRule({
  meta: {
    id: 'windows-host-process',
    title: 'Windows HostProcess container',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'privilege',
    refs: {
      pss: [{ level: 'baseline', control: 'windowsHostProcess' }],
      trivy: ['KSV-0103'],
      polaris: ['hostProcess'],
    },
    fixable: false,
    rationale:
      "`securityContext.windowsOptions.hostProcess: true` makes a Windows container a process on the node itself: it shares the node's network, sees its file system and runs as a node account such as NT AUTHORITY\\SYSTEM. That is full control of the node, which is why the baseline Pod Security Standard forbids it on the pod and on every container. Node agents that need it belong in a namespace with a privileged policy.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: iis\nspec:\n  os:\n    name: windows\n  containers:\n    - name: iis\n      image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  os:\n    name: windows\n  hostNetwork: true\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: "NT AUTHORITY\\\\SYSTEM"\n  containers:\n    - name: agent\n      image: example.com/agent:1.0.0\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      for (const { owner, who, setter } of securityContextOwners(object, site)) check(context, owner, who, setter);
    }
  },
});

function check(context: KubernetesContext, owner: YAMLMap, who: string, setter: string): void {
  const options = mapAt(owner, ['securityContext', 'windowsOptions']);
  const pair = options ? pairOf(options, 'hostProcess') : undefined;
  if (!pair || scalarValue(options, 'hostProcess') !== true) return;
  context.report({
    range: context.rangeOfPair(pair),
    message: admissionMessage(context, `${who} runs as a Windows HostProcess container, directly on the node`, 'hostProcess', `${setter} must not set securityContext.windowsOptions.hostProcess=true`),
  });
}

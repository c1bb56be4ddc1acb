import { yamlLibrary } from '../../../parse/yamlDocuments';
import { mapAt, pairOf, scalarString } from '../../kubernetes/objects';
import { SAFE_SYSCTLS, admissionMessage, objectLabel, podSpecs } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

/**
 * Only namespaced sysctls isolated from other pods are safe. The baseline Pod Security Standard
 * allows exactly that list (14 names as of Kubernetes 1.37) in `spec.securityContext.sysctls`.
 */
export default defineRule({
  meta: {
    id: 'unsafe-sysctl',
    title: 'Pod sets a sysctl outside the safe set',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [{ level: 'baseline', control: 'sysctls' }],
      trivy: ['KSV-0026'],
      kubeLinter: ['unsafe-sysctls'],
    },
    fixable: false,
    rationale:
      'A sysctl that is not namespaced, or is namespaced but not isolated, changes the kernel for every pod on the node (`kernel.*` memory limits, `net.core.*` buffers, `vm.*`), which can slow, starve or open up the neighbours. The baseline Pod Security Standard allows only the safe set: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes, net.ipv4.tcp_rmem, net.ipv4.tcp_wmem, net.ipv4.tcp_slow_start_after_idle and net.ipv4.tcp_notsent_lowat.',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: "1024 65535"\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    sysctls:\n      - name: kernel.msgmax\n        value: "65536"\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    const { isMap, isSeq } = yamlLibrary();
    for (const { object, site } of podSpecs(context)) {
      const sysctls = mapAt(site.spec, ['securityContext'])?.get('sysctls', true);
      if (!isSeq(sysctls)) continue;
      for (const item of sysctls.items) {
        const pair = isMap(item) ? pairOf(item, 'name') : undefined;
        const name = scalarString(pair?.value) ?? '';
        if (!pair || SAFE_SYSCTLS.has(name)) continue;
        context.report({
          range: context.rangeOfPair(pair),
          message: admissionMessage(context, `${objectLabel(object)} sets the sysctl ${name}, which is not in the safe set`, 'forbidden sysctls', name),
        });
      }
    }
  },
});

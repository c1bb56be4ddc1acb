import { exposedPorts } from '../../dockerfile/exposedPorts';
import { defineRule } from '../../rule';

/** The port numbers of an EXPOSE word: `8080`, `8080/udp`, `8000-8100/tcp`; null for a variable. */
function portsOf(word: string): number[] | null {
  const m = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(word);
  if (!m) return null;
  return [Number(m[1]), ...(m[2] ? [Number(m[2])] : [])];
}

/** hadolint DL3011 and Trivy DS-0008. */
export default defineRule({
  meta: {
    id: 'expose-port-out-of-range',
    title: 'EXPOSE port out of range',
    defaultSeverity: 'error',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3011'], trivy: ['DS-0008'] },
    fixable: false,
    rationale:
      'TCP and UDP ports run from 0 to 65535. A larger number in EXPOSE is a typo (a digit too many, a range written wrong) that the build does not catch and that breaks every tool that reads the image\'s exposed ports.',
    compliant: { fileName: 'Dockerfile', text: 'FROM nginx:1.29\nEXPOSE 8080\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM nginx:1.29\nEXPOSE 80800\n' },
  },
  check(context) {
    for (const { argument, written } of exposedPorts(context.dockerfile)) {
      const ports = portsOf(written);
      if (!ports || ports.every((p) => p <= 65535)) continue;
      context.report({ range: argument.getRange(), message: `EXPOSE ${written}: ports run from 0 to 65535` });
    }
  },
});

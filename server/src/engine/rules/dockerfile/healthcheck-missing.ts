import { Healthcheck } from 'dockerfile-ast';
import { chainInstructions, finalChain } from '../../dockerfile/finalImage';
import { defineRule } from '../../rule';

/**
 * hadolint DL3057, Trivy DS-0026, CIS Docker Benchmark 4.6 and Checkov CKV_DOCKER_2: the final
 * image (its stage and the stages it is built FROM) has no HEALTHCHECK. `HEALTHCHECK NONE` is a
 * recorded choice and counts. Builder stages are not judged (they never run as containers).
 */
export default defineRule({
  meta: {
    id: 'healthcheck-missing',
    title: 'No HEALTHCHECK in the final image',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'strict',
    refs: { hadolint: ['DL3057'], cis: ['4.6'], trivy: ['DS-0026'], checkov: ['CKV_DOCKER_2'] },
    fixable: false,
    rationale:
      'Docker and Swarm run the HEALTHCHECK command to tell a container that is up from one that is hung, restart it and keep traffic off it. Without one a deadlocked process looks healthy. Kubernetes ignores HEALTHCHECK (it uses the pod\'s probes), so for images that only run there `HEALTHCHECK NONE` records that choice and silences the rule. In the `strict` profile: hadolint leaves its DL3057 off by default, and the command to run depends on the application.',
    compliant: { fileName: 'Dockerfile', text: 'FROM nginx:1.29\nHEALTHCHECK --interval=30s CMD ["curl", "-fsS", "http://localhost/"]\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM nginx:1.29\nCOPY site/ /usr/share/nginx/html/\n' },
  },
  check(context) {
    const chain = finalChain(context.dockerfile);
    const last = chain[chain.length - 1];
    if (!last || chainInstructions(chain).some((i) => i instanceof Healthcheck)) return;
    context.report({
      range: last.from.getRange(),
      message: 'The final image has no HEALTHCHECK, so Docker cannot tell a hung container from a healthy one; add one, or HEALTHCHECK NONE if the orchestrator probes it (Kubernetes)',
    });
  },
});

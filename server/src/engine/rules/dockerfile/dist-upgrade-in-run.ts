import { defineRule } from '../../rule';
import { subcommandOf } from '../../../parse/shell/shellScript';

/**
 * Trivy DS-0024 (`apt-get dist-upgrade`) and hadolint DL3035 (`zypper dist-upgrade`, `zypper
 * dup`): one check, a whole-distribution upgrade in a RUN. `apt-get upgrade` is not reported
 * (neither tool does): it only updates what is installed.
 */
export default defineRule({
  meta: {
    id: 'dist-upgrade-in-run',
    title: 'Distribution upgrade in RUN',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3035'], trivy: ['DS-0024'] },
    fixable: false,
    rationale:
      'A distribution upgrade (`apt-get dist-upgrade`, `zypper dist-upgrade`) may install and remove packages and move the image to newer releases of its libraries than the base image was built and tested with, so the same Dockerfile builds a different image each day and may break on a major change. Take updates by moving to a newer base image tag (or digest), which the base image\'s maintainers have built and tested; `apt-get upgrade` is enough for security fixes between base image releases.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        const upgrade = subcommandOf(command, 'apt-get', ['dist-upgrade']) ?? subcommandOf(command, 'zypper', ['dist-upgrade', 'dup']);
        if (!upgrade) continue;
        context.report({
          range: run.range(command.nameWord.start, upgrade.end),
          message: `${command.program} ${upgrade.value} upgrades the whole distribution beyond the base image; move to a newer base image tag instead`,
        });
      }
    }
  },
});

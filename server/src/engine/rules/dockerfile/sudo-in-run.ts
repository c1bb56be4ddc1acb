import { defineRule } from '../../rule';

/** hadolint DL3004 and Trivy DS-0010: `sudo` anywhere among the commands a RUN runs. */
export default defineRule({
  meta: {
    id: 'sudo-in-run',
    title: 'sudo in RUN',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'privilege',
    refs: { hadolint: ['DL3004'], trivy: ['DS-0010'] },
    fixable: false,
    rationale:
      'A RUN already runs as the stage\'s current USER, so `sudo` either does nothing (as root) or means the image ships sudo and a sudoers entry that lets its unprivileged user become root again, undoing the point of `USER`. It also prompts, forks a TTY-aware process and behaves differently across distributions. Switch with `USER root` before the steps that need it and back to the unprivileged user after; at run time use a tool built for containers such as gosu or su-exec.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER 10001\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nUSER 10001\nRUN sudo apt-get update\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        if (command.program !== 'sudo') continue;
        context.report({
          range: run.range(command.nameWord.start, command.nameWord.end),
          message: 'sudo in a RUN: the RUN already runs as the current USER; switch with USER root (and back) instead of shipping sudo',
        });
      }
    }
  },
});

import { defineRule } from '../../rule';

/** hadolint DL3001's list: commands meant for a person at a terminal or for a whole machine. */
const INTERACTIVE = new Set(['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig']);

/** hadolint DL3001. */
export default defineRule({
  meta: {
    id: 'interactive-command-in-run',
    title: 'Command that makes no sense in a build',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'all',
    refs: { hadolint: ['DL3001'] },
    fixable: false,
    rationale:
      'A RUN executes once, without a terminal, in a throw-away container: `vim` waits for a keyboard that never comes, `service` and `shutdown` act on an init system that is not running, `ps`, `top`, `free` and `kill` see only the build step itself, `mount` needs privileges the build does not have, and `ssh` reaches out with credentials the image should not hold. Such a command is a leftover from an interactive session; do the work with the instruction or tool meant for it. Advice rather than a defect, hence the `all` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*\nCMD ["nginx", "-g", "daemon off;"]\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*\nRUN service nginx start\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        if (!command.program || !INTERACTIVE.has(command.program)) continue;
        context.report({
          range: run.range(command.nameWord.start, command.nameWord.end),
          message: `${command.program} makes no sense in a RUN: it runs once, without a terminal or init system, in a throw-away build container`,
        });
      }
    }
  },
});

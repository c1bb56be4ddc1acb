import { operandsOf } from '../../../parse/shell/shellScript';
import { defineRule } from '../../rule';

/** Subcommands apt and apt-get share with the same meaning, so the name alone can change. */
const SAME_IN_APT_GET = new Set(['install', 'remove', 'purge', 'update', 'autoremove', 'clean', 'autoclean']);

/** hadolint DL3027: `apt` in a RUN. The fix renames it where apt-get has the same subcommand. */
export default defineRule({
  meta: {
    id: 'apt-instead-of-apt-get',
    title: 'apt used in a RUN',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3027'], checkov: ['CKV_DOCKER_9'] },
    fixable: true,
    rationale:
      '`apt` is the interactive front end: its output and options may change between releases, and it warns "apt does not have a stable CLI interface. Use with caution in scripts." `apt-get` (and `apt-cache`) are the stable commands for scripts such as a Dockerfile. `apt upgrade` differs from `apt-get upgrade` (it may install new packages), so only subcommands that mean the same are rewritten.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        if (command.program !== 'apt' || command.name !== 'apt') continue;
        const sub = operandsOf(command)[0]?.value ?? '';
        const name = run.range(command.nameWord.start, command.nameWord.end);
        context.report({
          range: run.range(command.start, command.end),
          message: 'apt is meant for people at a terminal and has no stable interface for scripts; use apt-get (or apt-cache)',
          ...(SAME_IN_APT_GET.has(sub) ? { fix: { title: 'Use apt-get', edits: [{ range: name, newText: run.form === 'exec' ? '"apt-get"' : 'apt-get' }] } } : {}),
        });
      }
    }
  },
});

import { flagsOf, hasFlag } from '../../../parse/shell/shellScript';
import { insertArgumentAfter } from '../../dockerfile/runEdits';
import { defineRule } from '../../rule';

/** The UID a `useradd` gives: `-u 1234567`, `-u1234567`, `--uid 1234567`, `--uid=1234567`. */
function uidOf(args: readonly { value: string | null }[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const value = args[i]?.value ?? '';
    const inline = /^(?:-u|--uid=)(\d+)$/.exec(value);
    if (inline) return inline[1] as string;
    if (value === '-u' || value === '--uid') return args[i + 1]?.value ?? null;
  }
  return null;
}

/**
 * hadolint DL3046: `useradd` with a UID longer than five digits and without `-l`/`--no-log-init`.
 * The fix adds `-l`, which only skips the lastlog/faillog entries.
 */
export default defineRule({
  meta: {
    id: 'useradd-without-no-log-init',
    title: 'useradd with a high UID without -l',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    refs: { hadolint: ['DL3046'] },
    fixable: true,
    rationale:
      '`useradd` records the new user in /var/log/lastlog and /var/log/faillog, sparse files indexed by UID. A layer does not keep files sparse, so a user with a UID such as 100000000 adds a file of gigabytes to the image. `useradd -l` (`--no-log-init`) skips those records, which a container never needs.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN useradd -l -u 100000 -m app\nUSER 100000\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN useradd -u 100000 -m app\nUSER 100000\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        if (command.program !== 'useradd' || hasFlag(command, 'l', 'no-log-init')) continue;
        const uid = uidOf(command.args);
        if (uid === null || uid.length <= 5 || !flagsOf(command).some((f) => f.name === 'u' || f.name === 'uid')) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: `useradd with UID ${uid} writes sparse /var/log/lastlog and faillog entries that the layer stores in full; add -l (--no-log-init)`,
          fix: { title: 'Add -l', edits: [insertArgumentAfter(run, command.nameWord, '-l')] },
        });
      }
    }
  },
});

import { operandsOf, type ShellCommand } from '../../../parse/shell/shellScript';
import { defineRule } from '../../rule';

/** An octal mode whose last digit lets others write (2, 3, 6, 7): `777`, `0666`, `1777`. */
const OCTAL_WORLD_WRITE = /^[0-7]{0,2}[0-7]?[2367]$/;

/**
 * The mode argument gives write permission to others: octal with the "others" digit writable,
 * or a symbolic clause for `o` or `a` that adds or sets `w` (`o+w`, `a=rwx`, `go+w`).
 */
export function grantsWorldWrite(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) return OCTAL_WORLD_WRITE.test(mode);
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)[+=][rwxXst]*w/.exec(clause);
    return m !== null && /[oa]/.test(m[1] ?? '');
  });
}

/** The mode word of a chmod (its first operand), when the text is literal. */
function modeOf(command: ShellCommand): string | null {
  return operandsOf(command)[0]?.value ?? null;
}

/**
 * `chmod` that makes files writable by every user (`777`, `666`, `o+w`, `a+rwx`), except the
 * sticky shared directories that must be (`chmod 1777 /tmp`). Not in hadolint or Trivy.
 */
export default defineRule({
  meta: {
    id: 'chmod-world-writable',
    title: 'chmod makes files world-writable',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'privilege',
    refs: {},
    fixable: false,
    rationale:
      'A world-writable file or directory can be changed by any user in the container, including the unprivileged user a compromised process runs as: a writable script, binary or config file is a direct way to run code as whoever uses it next (often root at the next start). `chmod 777` is usually a shortcut around a permission problem; give the files to the user that needs them (`COPY --chown=app:app`, `chown`) and keep modes such as 755/644. Shared temporary directories need the sticky bit (`1777`), which this rule accepts.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nCOPY --chown=10001:10001 app /app\nRUN chmod 755 /app/run.sh\nUSER 10001\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nCOPY app /app\nRUN chmod -R 777 /app\nUSER 10001\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        if (command.program !== 'chmod') continue;
        const mode = modeOf(command);
        if (mode === null || !grantsWorldWrite(mode) || /^1[0-7]{3}$/.test(mode)) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: `chmod ${mode} lets every user in the container change these files; give them to the user that needs them (chown, COPY --chown) and keep others read-only`,
        });
      }
    }
  },
});

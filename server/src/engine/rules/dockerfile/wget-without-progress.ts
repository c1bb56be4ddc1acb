import { hasFlag } from '../../../parse/shell/shellScript';
import { defineRule } from '../../rule';

/**
 * hadolint DL3047: `wget` without `--progress`, with its exemptions: quiet (`-q`), no-verbose
 * (`-nv`), and output to a log file (`-o`, `-a`), all of which already keep the build log short.
 */
export default defineRule({
  meta: {
    id: 'wget-without-progress',
    title: 'wget without --progress',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'all',
    refs: { hadolint: ['DL3047'] },
    fixable: true,
    rationale:
      'Without a terminal, wget prints its progress as a line of dots for every few kilobytes, so one large download writes thousands of lines into the build log and buries the lines that matter. `--progress=dot:giga` (or `-q`, `-nv`) keeps it to a few. Log noise only, hence the `all` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN wget --progress=dot:giga https://example.com/tool.tar.gz\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN wget https://example.com/tool.tar.gz\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        if (command.program !== 'wget') continue;
        if (hasFlag(command, 'progress', 'q', 'quiet', 'no-verbose', 'o', 'output-file', 'a', 'append-output') || command.args.some((w) => w.value === '-nv')) continue;
        const at = run.position(command.nameWord.end);
        context.report({
          range: run.range(command.nameWord.start, command.nameWord.end),
          message: 'wget without --progress writes a line of dots per few kilobytes into the build log; add --progress=dot:giga (or -q)',
          ...(run.form === 'exec' ? {} : { fix: { title: 'Add --progress=dot:giga', edits: [{ range: { start: at, end: at }, newText: ' --progress=dot:giga' }] } }),
        });
      }
    }
  },
});

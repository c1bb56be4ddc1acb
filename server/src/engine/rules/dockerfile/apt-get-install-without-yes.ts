import { aptGetInstall, answersYes } from '../../dockerfile/packageManagers';
import { insertArgumentAfter } from '../../dockerfile/runEdits';
import { defineRule } from '../../rule';

/**
 * hadolint DL3014 and Trivy DS-0021: `apt-get install` that may stop at a prompt. hadolint's
 * accepted spellings are kept: `-y`, `--yes`, `--assume-yes`, `-qq`, `-q -q`, `-q=2`.
 */
export default defineRule({
  meta: {
    id: 'apt-get-install-without-yes',
    title: 'apt-get install without -y',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3014'], trivy: ['DS-0021'] },
    fixable: true,
    rationale:
      'A build has no one to answer "Do you want to continue? [Y/n]": without `-y`, `apt-get install` reads the closed standard input as "no" and aborts whenever it would install more than was named, so the same Dockerfile builds or fails depending on what the mirror holds that day. `-y` makes the answer part of the Dockerfile.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        const install = aptGetInstall(command);
        if (!install || answersYes(command)) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: 'apt-get install without -y stops at its confirmation prompt, which a build cannot answer; add -y',
          fix: { title: 'Add -y', edits: [insertArgumentAfter(run, install, '-y')] },
        });
      }
    }
  },
});

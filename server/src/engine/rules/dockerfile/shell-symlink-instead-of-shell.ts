import { operandsOf } from '../../../parse/shell/shellScript';
import { defineRule } from '../../rule';

/** hadolint DL4005: `ln -s… … /bin/sh` replaces the shell that later RUNs use. */
export default defineRule({
  meta: {
    id: 'shell-symlink-instead-of-shell',
    title: 'ln over /bin/sh instead of SHELL',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL4005'] },
    fixable: false,
    rationale:
      'Linking `/bin/sh` to bash changes the shell for every program in the image that calls `sh`, scripts of the distribution included, not only for the Dockerfile\'s RUNs, and the change is invisible to anyone reading the Dockerfile later. To run the RUNs under another shell, say so with `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, which affects the build only.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo "$BASH_VERSION"\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        if (command.program !== 'ln') continue;
        const target = operandsOf(command).at(-1);
        if (!target || !['/bin/sh', '/usr/bin/sh'].includes(target.value ?? '')) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: `ln over ${target.value} changes the shell of every program in the image; use SHELL ["/bin/bash", "-c"] to change the shell RUN uses`,
        });
      }
    }
  },
});

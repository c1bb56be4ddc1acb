import type { RunScript } from '../../../parse/shell/runScripts';
import { flagsOf, type ShellCommand } from '../../../parse/shell/shellScript';
import { defineRule } from '../../rule';

/** Shells whose `-o pipefail` hadolint trusts in SHELL (ksh has it too). */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);

/** `set -o pipefail`, `set -euxo pipefail`, `bash -o pipefail -c`: `pipefail` after an `o` option. */
function setsPipefail(words: readonly (string | null)[]): boolean {
  return words.some((w, i) => w === 'pipefail' && i > 0 && /^-[A-Za-z]*o$/.test(words[i - 1] ?? '')) || words.includes('-opipefail');
}

function shellSetsPipefail(run: RunScript): boolean {
  const program = (run.shell[0] ?? '').slice((run.shell[0] ?? '').lastIndexOf('/') + 1);
  return PIPEFAIL_SHELLS.has(program) && setsPipefail(run.shell);
}

function setBefore(command: ShellCommand, offset: number): boolean {
  return command.program === 'set' && command.end <= offset && flagsOf(command).some((f) => f.name === 'o') && setsPipefail(command.args.map((w) => w.value));
}

/**
 * hadolint DL4006: a pipe in a RUN whose shell does not fail with the pipe. Accepted, as in
 * hadolint: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (kept by later stages built on this
 * one). Accepted unlike hadolint: a `set -o pipefail` the RUN itself runs before its first pipe:
 * where the shell lacks the option, `set` is a special built-in whose error ends the shell, so
 * the build fails loudly instead of passing silently.
 */
export default defineRule({
  meta: {
    id: 'pipe-without-pipefail',
    title: 'Pipe in RUN without pipefail',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    refs: { hadolint: ['DL4006'] },
    fixable: false,
    rationale:
      'A shell pipeline succeeds when its last command does: in `curl -fsSL https://… | tar -xz`, a failed download gives tar an empty input and the RUN still succeeds, so the image is built without the software and nobody notices until it runs. With `pipefail` the pipeline fails when any command in it fails. Set it for every RUN with `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `/bin/ash` on Alpine), or start the RUN with `set -o pipefail`.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /opt\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /opt\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      const first = run.script.pipelines[0];
      if (!first || shellSetsPipefail(run)) continue;
      if (run.script.commands.some((c) => setBefore(c, first.start))) continue;
      context.report({
        range: run.range(first.start, first.end),
        message: `this pipeline succeeds whenever its last command does, hiding a failure before the pipe; set pipefail (SHELL ["/bin/bash", "-o", "pipefail", "-c"], or set -o pipefail first)`,
      });
    }
  },
});

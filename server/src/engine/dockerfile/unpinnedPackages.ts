import type { ShellCommand, ShellWord } from '../../parse/shell/shellScript';
import type { DockerfileContext } from '../rule';

/**
 * The check every "install without versions" rule runs: each command of each RUN whose
 * `unpinned` operands are not empty is reported with `message(command, names)`.
 */
export function reportUnpinned(context: DockerfileContext, unpinned: (command: ShellCommand) => ShellWord[], message: (command: ShellCommand, names: string) => string): void {
  for (const run of context.dockerfile.runs()) {
    for (const command of run.script.commands) {
      const words = unpinned(command);
      if (words.length === 0) continue;
      context.report({ range: run.range(command.start, command.end), message: message(command, words.map((w) => w.value ?? w.text).join(', ')) });
    }
  }
}

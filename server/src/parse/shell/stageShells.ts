import { Run, Shell, type Instruction } from 'dockerfile-ast';
import { jsonArgumentsOf } from './jsonArguments';
import type { Stage } from '../dockerfileModel';

/** Shells whose language tree-sitter's bash grammar reads: the POSIX family. */
const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'ksh', 'mksh', 'zsh', 'busybox']);

/**
 * Windows images run RUN with `cmd /S /C`, not `/bin/sh -c`: Windows Server Core and Nano Server
 * bases, and the images built on them (`mcr.microsoft.com/dotnet/framework/*`, `…-nanoserver-…`).
 */
const WINDOWS_BASE = /(?:^|[/:_-])(?:windows|nanoserver|servercore|windowsservercore)(?:[/:_.-]|$)|\/dotnet\/framework\//i;

/** Whether `program` (`/bin/bash`, `sh`, `pwsh`) is a POSIX shell that the bash grammar can read. */
export function isPosixShell(program: string): boolean {
  const name = program.slice(program.replace(/\\/g, '/').lastIndexOf('/') + 1).toLowerCase();
  return POSIX_SHELLS.has(name.replace(/\.exe$/, ''));
}

/**
 * The shell each shell-form RUN runs under: BuildKit's default `/bin/sh -c` (Windows bases:
 * `cmd /S /C`), changed by `SHELL ["…"]` for the rest of the stage, and inherited by a stage
 * built `FROM` an earlier one. `# hadolint shell=powershell` names the shell for the whole file.
 */
export function shellsOfRuns(stages: readonly Stage[], pragmaShell: string | null): Map<Instruction, readonly string[]> {
  const shells = new Map<Instruction, readonly string[]>();
  const finalShell = new Map<Stage, readonly string[]>();
  for (const stage of stages) {
    let shell = pragmaShell !== null ? [pragmaShell] : stage.base.stage ? (finalShell.get(stage.base.stage) ?? POSIX_DEFAULT) : defaultShell(stage);
    for (const instruction of stage.instructions) {
      if (instruction instanceof Shell) {
        const argv = jsonArgumentsOf(instruction).map((s) => s.value);
        if (argv.length > 0) shell = argv;
      } else if (instruction instanceof Run) shells.set(instruction, shell);
    }
    finalShell.set(stage, shell);
  }
  return shells;
}

const POSIX_DEFAULT = ['/bin/sh', '-c'];

function defaultShell(stage: Stage): readonly string[] {
  const image = stage.base.resolved ?? stage.base.written;
  return WINDOWS_BASE.test(image) ? ['cmd', '/S', '/C'] : POSIX_DEFAULT;
}

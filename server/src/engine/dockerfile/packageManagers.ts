import type { ShellCommand, ShellWord } from '../../parse/shell/shellScript';
import { argument, countFlag, hasFlag, subcommandOf } from '../../parse/shell/shellScript';

/**
 * What the Dockerfile rules know about package managers' command lines: which invocation
 * installs, which option keeps an image small or a build unattended. Read from parsed commands
 * (`parse/shell`), with hadolint's readings where hadolint has the same check.
 */

/** `apt-get … install …`: the `install` word. (`apt`, the interactive front end, is another rule's.) */
export function aptGetInstall(command: ShellCommand): ShellWord | undefined {
  return subcommandOf(command, 'apt-get', ['install']);
}

/** `apt-get update` / `apt update`: what fills /var/lib/apt/lists. */
export function aptUpdate(command: ShellCommand): ShellWord | undefined {
  return subcommandOf(command, ['apt-get', 'apt'], ['update']);
}

/** `--no-install-recommends`, or `-o APT::Install-Recommends=false` (hadolint DL3015's two). */
export function skipsRecommends(command: ShellCommand): boolean {
  return hasFlag(command, 'no-install-recommends') || command.args.some((w) => /^APT::Install-Recommends=(?:false|0|no)$/i.test(w.value ?? ''));
}

/** apt-get answers its prompts itself: `-y`, `--yes`, `--assume-yes`, `-qq`, `-q -q`, `-q=2` (hadolint DL3014). */
export function answersYes(command: ShellCommand): boolean {
  return hasFlag(command, 'y', 'yes', 'assume-yes') || countFlag(command, 'q') === 2 || countFlag(command, 'quiet') === 2 || argument(command, '-q=2') !== undefined || hasFlag(command, 'qq');
}

/** `rm … /var/lib/apt/lists…`: the command removes the package lists. */
export function removesAptLists(command: ShellCommand): boolean {
  return command.program === 'rm' && command.args.some((w) => /^\/var\/lib\/apt\/lists(?:\/|$)/.test(w.value ?? w.text));
}

/** `apk … add …`: the `add` word. */
export function apkAdd(command: ShellCommand): ShellWord | undefined {
  return subcommandOf(command, 'apk', ['add']);
}

/**
 * `pip install`, `pip3 install`, `python3 -m pip install` (hadolint's reading): the `install`
 * word. pipx and pipenv manage their own environments and are not pip installs.
 */
export function pipInstall(command: ShellCommand): ShellWord | undefined {
  const program = command.program ?? '';
  if (/^pip[0-9.]*$/.test(program)) return argument(command, 'install');
  if (!/^python[0-9.]*$/.test(program)) return undefined;
  const values = command.args.map((w) => w.value);
  const m = values.indexOf('-m');
  return m !== -1 && values[m + 1] === 'pip' && values[m + 2] === 'install' ? command.args[m + 2] : undefined;
}

/** A `PIP_NO_CACHE_DIR` value pip reads as "do not cache" (any truthy spelling). */
export function isTruthyPipSetting(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && /^(?:1|true|yes|on)$/i.test(value.trim());
}

/**
 * A shell script as the Dockerfile rules read it: the simple commands it runs (wherever they
 * sit: lists, pipelines, loops, subshells, command substitutions) and its pipelines. Plain data,
 * built once from the tree-sitter tree (which is freed at once) and cached by the RUN's text.
 *
 * Offsets are into the script's source text (`ShellScript.text`); a `RunScript` maps them to
 * positions in the Dockerfile.
 */
export interface ShellWord {
  /** The word as written, quotes included. */
  text: string;
  /**
   * The word as the command receives it (quotes removed, backslash escapes resolved), or null
   * when it depends on an expansion (`$VAR`, `$(cmd)`, `$((1+1))`).
   */
  value: string | null;
  start: number;
  end: number;
}

export interface ShellCommand {
  /** The command name as written (`/usr/bin/apt-get`), null when it is an expansion. */
  name: string | null;
  /** The last path segment of the name (`apt-get`), what rules match on. */
  program: string | null;
  nameWord: ShellWord;
  /** The arguments after the name, in order. */
  args: ShellWord[];
  /** `NAME=value` prefixes (`DEBIAN_FRONTEND=noninteractive apt-get …`). */
  assignments: { name: string; value: string | null }[];
  start: number;
  end: number;
  /** The pipeline the command is part of, with its place in it; null outside a pipeline. */
  pipeline: { index: number; position: number } | null;
  /**
   * The wrapper that runs this command (`sudo`, `doas`, `env`): `sudo apt-get install` is listed
   * twice, as the sudo command and, right after it, as this apt-get command made of its words.
   */
  via?: string;
}

export interface ShellPipeline {
  /** Indexes into `ShellScript.commands`, left to right. */
  commands: number[];
  start: number;
  end: number;
}

export interface ShellScript {
  text: string;
  /** Every simple command, in source order (and the command a wrapper runs after the wrapper's). */
  commands: ShellCommand[];
  pipelines: ShellPipeline[];
  /** The parser had to recover from a syntax error (half-typed input): what it read is still here. */
  hasError: boolean;
  /** Where the script's last top-level statement ends (before trailing blanks, `;` and comments). */
  end: number;
}

/** A command-line option as commands read them: `-y`, `-qq`, `--no-cache`, `--opt=value`. */
export interface ShellFlag {
  /** `y`, `q`, `no-cache`, `opt` (one per letter of a short-option cluster). */
  name: string;
  word: ShellWord;
}

/**
 * The options among `args` (hadolint's reading): `--name[=value]` is one option, `-abc` three
 * single-letter ones; `-` and `--` are not options. Values of options that take a separate value
 * are not known here, so `-u 1000` reads as option `u` and argument `1000`.
 */
export function flagsOf(command: ShellCommand): ShellFlag[] {
  const out: ShellFlag[] = [];
  for (const word of command.args) {
    const value = word.value;
    if (value === null || value === '-' || value === '--' || !value.startsWith('-')) continue;
    if (value.startsWith('--')) out.push({ name: value.slice(2).split('=', 1)[0] as string, word });
    else for (const letter of value.slice(1)) out.push({ name: letter, word });
  }
  return out;
}

export function hasFlag(command: ShellCommand, ...names: string[]): boolean {
  return flagsOf(command).some((f) => names.includes(f.name));
}

export function countFlag(command: ShellCommand, name: string): number {
  return flagsOf(command).filter((f) => f.name === name).length;
}

/** The arguments that are not options, as the command receives them (`$VAR` words as written). */
export function operandsOf(command: ShellCommand): ShellWord[] {
  return command.args.filter((w) => !(w.value ?? w.text).startsWith('-') || w.value === '-');
}

/** The argument whose value is `value`, if any. */
export function argument(command: ShellCommand, value: string): ShellWord | undefined {
  return command.args.find((w) => w.value === value);
}

/**
 * `program … sub …`: the command runs `program` with one of `subcommands` among its arguments
 * (hadolint's `cmdHasArgs`: `apt-get -o X=1 install` is an install too). Returns that argument.
 */
export function subcommandOf(command: ShellCommand, program: string | readonly string[], subcommands: readonly string[]): ShellWord | undefined {
  const programs = typeof program === 'string' ? [program] : program;
  if (command.program === null || !programs.includes(command.program)) return undefined;
  return command.args.find((w) => w.value !== null && subcommands.includes(w.value));
}

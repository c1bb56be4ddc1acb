import type { ShellCommand, ShellWord } from './shellScript';

/**
 * Programs that run the rest of their command line as a command: `sudo apt-get install curl`
 * installs with apt-get as surely as `apt-get install curl` does, so the rules see the apt-get
 * command too. For each: the options that take a value (as the next word, or the rest of a
 * cluster: `-u root`, `-uroot`, `--user=root`), and those after which no command follows
 * (`sudo -e file` edits a file, `sudo -l` lists). From the sudo(8), doas(1) and env(1) manuals.
 */
interface Wrapper {
  valued: string;
  longValued: readonly string[];
  noCommand: string;
  longNoCommand: readonly string[];
}

const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  sudo: {
    valued: 'CDghpRrtTUu',
    longValued: ['close-from', 'chdir', 'group', 'host', 'prompt', 'chroot', 'role', 'type', 'command-timeout', 'other-user', 'user'],
    noCommand: 'eKklVv',
    longNoCommand: ['edit', 'remove-timestamp', 'reset-timestamp', 'list', 'version', 'validate', 'help'],
  },
  doas: { valued: 'aCu', longValued: [], noCommand: 'L', longNoCommand: [] },
  env: { valued: 'uCS', longValued: ['unset', 'chdir', 'split-string'], noCommand: 'S', longNoCommand: ['split-string', 'help', 'version'] },
};

/** The command `command` runs through a wrapper (`sudo -u app apt-get …` → `apt-get …`), or null. */
export function wrappedCommand(command: ShellCommand): ShellCommand | null {
  const wrapper = command.program === null ? undefined : WRAPPERS[command.program];
  if (!wrapper) return null;
  const args = command.args;
  const assignments: ShellCommand['assignments'] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const value = (args[i] as ShellWord).value;
    if (value === null) return null;
    if (value === '--') {
      i++;
      break;
    }
    if (value.startsWith('--')) {
      const [name = '', attached] = value.slice(2).split(/=(.*)/s, 2);
      if (wrapper.longNoCommand.includes(name)) return null;
      if (wrapper.longValued.includes(name) && attached === undefined) i++;
      continue;
    }
    if (value.startsWith('-') && value.length > 1) {
      for (let k = 1; k < value.length; k++) {
        const letter = value[k] as string;
        if (wrapper.noCommand.includes(letter)) return null;
        if (wrapper.valued.includes(letter)) {
          if (k === value.length - 1) i++;
          break;
        }
      }
      continue;
    }
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
    if (!assignment) break;
    assignments.push({ name: assignment[1] as string, value: assignment[2] as string });
  }
  const nameWord = args[i];
  if (!nameWord) return null;
  const name = nameWord.value;
  return {
    name,
    program: name === null ? null : name.slice(name.lastIndexOf('/') + 1),
    nameWord,
    args: args.slice(i + 1),
    assignments: [...command.assignments, ...assignments],
    start: nameWord.start,
    end: command.end,
    pipeline: null,
    via: command.program as string,
  };
}

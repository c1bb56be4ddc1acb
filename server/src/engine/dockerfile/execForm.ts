import { JSONInstruction, type Instruction } from 'dockerfile-ast';
import { jsonArgumentsOf } from '../../parse/shell/jsonArguments';
import type { Range, TextEdit } from '../types';

/**
 * CMD and ENTRYPOINT for images without a shell. Shell form (`CMD node server.js`) means
 * `/bin/sh -c "node server.js"`, which such an image cannot run; exec form
 * (`CMD ["node", "server.js"]`) runs the program directly. Only commands that are plain words
 * are rewritten: anything the shell would interpret (variables, `&&`, pipes, globs, redirects)
 * needs a person to decide what the program should be.
 */

/** The words of a shell-form command line, or null when the shell would do more than split words. */
export function plainWords(text: string): string[] | null {
  const words: string[] = [];
  let current = '';
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t') {
      if (started) words.push(current);
      current = '';
      started = false;
    } else if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      const inner = close === -1 ? null : text.slice(i + 1, close);
      if (inner === null || (c === '"' && /[$`\\]/.test(inner))) return null;
      current += inner;
      started = true;
      i = close;
    } else if (/[|&;<>()$`\\*?~{}[\]#!=\n\r]/.test(c) && !(c === '=' && started)) {
      return null;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) words.push(current);
  // `PORT=80 node app.js` sets a variable for the command: the shell's job, not a program name.
  return words.length > 0 && !words[0]?.includes('=') ? words : null;
}

/** The arguments' text and range of a shell-form instruction, or null for exec form or none. */
function shellFormArguments(instruction: Instruction): { text: string; range: Range } | null {
  if (instruction instanceof JSONInstruction && instruction.getJSONStrings().length > 0) return null;
  const args = instruction.getArguments();
  const first = args[0];
  const last = args[args.length - 1];
  if (!first || !last) return null;
  return { text: args.map((a) => a.getValue()).join(' '), range: { start: first.getRange().start, end: last.getRange().end } };
}

export function execFormText(words: readonly string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/**
 * The words an instruction runs, with the edit that turns it into exec form when it is in
 * shell form. `problem` says why it cannot be rewritten.
 */
export function execWords(instruction: Instruction): { words: string[]; edit: TextEdit | null } | { problem: string } {
  const strings = jsonArgumentsOf(instruction);
  if (strings.length > 0) return { words: strings.map((s) => s.value), edit: null };
  const shell = shellFormArguments(instruction);
  if (!shell) return { words: [], edit: null };
  const words = plainWords(shell.text);
  if (!words) return { problem: `${instruction.getKeyword()} on line ${instruction.getRange().start.line + 1} uses shell syntax, which an image without a shell cannot run` };
  return { words, edit: { range: shell.range, newText: execFormText(words) } };
}

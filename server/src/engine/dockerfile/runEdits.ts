import type { RunScript } from '../../parse/shell/runScripts';
import type { ShellWord } from '../../parse/shell/shellScript';
import type { TextEdit } from '../types';

/**
 * Adds `argument` right after `word` of a RUN, in the RUN's own form: ` --no-cache` in shell
 * form (also across continuation lines, at the end of the word), `, "--no-cache"` in exec form.
 */
export function insertArgumentAfter(run: RunScript, word: ShellWord, argument: string): TextEdit {
  const at = run.position(word.end);
  return { range: { start: at, end: at }, newText: run.form === 'exec' ? `, ${JSON.stringify(argument)}` : ` ${argument}` };
}

/**
 * Runs `command` after everything else the RUN does: `… && command` at the end of the last
 * statement in shell form, a line of its own at the end of a `RUN <<EOF` script. Null where
 * that is not a safe edit: exec form, or a script the parser had to recover from.
 */
export function appendCommand(run: RunScript, command: string): TextEdit | null {
  if (run.form === 'exec' || run.script.hasError || run.script.end === 0) return null;
  const at = run.position(run.script.end);
  // A heredoc's new line ends as the RUN's lines do (CRLF in a CRLF file).
  return { range: { start: at, end: at }, newText: run.form === 'heredoc' ? `${run.lineEnd}${command}` : ` && ${command}` };
}

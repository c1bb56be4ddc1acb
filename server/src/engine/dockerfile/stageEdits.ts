import type { Instruction } from 'dockerfile-ast';
import type { Stage } from '../../parse/dockerfileModel';
import type { LineIndex } from '../../parse/lineIndex';
import type { TextEdit } from '../types';

/** The file's own line ending, so an inserted line does not mix `\n` into a CRLF file. */
export function lineEndingOf(text: string): '\r\n' | '\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** `KEYWORD` written in the case the stage's FROM uses (`from` → `user`). */
export function keywordInCaseOf(stage: Stage, keyword: string): string {
  const written = stage.from.getInstruction();
  return written === written.toLowerCase() ? keyword.toLowerCase() : keyword.toUpperCase();
}

const STARTUP_KEYWORDS = new Set(['CMD', 'ENTRYPOINT']);

/**
 * An edit that adds `line` (an instruction, without line ending) as a line of `stage`: before the
 * trailing run of CMD/ENTRYPOINT instructions and the comments directly above it (a pragma there
 * keeps pointing at its instruction), else after the stage's last instruction. Inserting on line
 * boundaries outside any instruction's range never lands inside a continuation or a heredoc.
 * Null when the stage ends in a heredoc that is never closed: any line added would be its body.
 */
export function insertLineInStage(lines: LineIndex, stage: Stage, added: string | readonly string[]): TextEdit | null {
  const eol = lineEndingOf(lines.text);
  const all = typeof added === 'string' ? [added] : added;
  const instructions = stage.instructions;
  let firstStartup = instructions.length;
  while (firstStartup > 0 && STARTUP_KEYWORDS.has(instructions[firstStartup - 1]?.getKeyword() ?? '')) firstStartup--;
  const startup = instructions[firstStartup];
  if (startup) {
    let at = startup.getRange().start.line;
    while (at > 0 && isComment(lines.lineText(at - 1)) && !belongsToPrevious(at - 1, instructions, firstStartup)) at--;
    const indent = indentOf(lines.lineText(at));
    const position = { line: at, character: 0 };
    return { range: { start: position, end: position }, newText: all.map((line) => `${indent}${line}${eol}`).join('') };
  }
  const last: Instruction = instructions[instructions.length - 1] ?? stage.from;
  if (endsInOpenHeredoc(lines, last)) return null;
  const lastLine = last.getRange().end.line;
  const indent = indentOf(lines.lineText(last.getRange().start.line));
  if (lastLine + 1 < lines.lineCount) {
    const position = { line: lastLine + 1, character: 0 };
    return { range: { start: position, end: position }, newText: all.map((line) => `${indent}${line}${eol}`).join('') };
  }
  const end = { line: lastLine, character: lines.lineText(lastLine).length };
  return { range: { start: end, end }, newText: all.map((line) => `${eol}${indent}${line}`).join('') };
}

/** The instruction opens heredocs (`<<EOF`, `<<-"EOT"`) and its last line is not the last one's delimiter. */
function endsInOpenHeredoc(lines: LineIndex, instruction: Instruction): boolean {
  const { start, end } = instruction.getRange();
  const delimiters = [...lines.lineText(start.line).matchAll(/<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g)].map((m) => m[2]);
  const lastDelimiter = delimiters[delimiters.length - 1];
  return lastDelimiter !== undefined && (end.line === start.line || lines.lineText(end.line).trim() !== lastDelimiter);
}

function isComment(text: string): boolean {
  return /^\s*#/.test(text);
}

/** A comment line inside the previous instruction (between continuation lines) is not ours to move past. */
function belongsToPrevious(line: number, instructions: readonly Instruction[], before: number): boolean {
  const previous = before > 0 ? instructions[before - 1] : undefined;
  return previous !== undefined && previous.getRange().end.line >= line;
}

function indentOf(text: string): string {
  return /^[ \t]*/.exec(text)?.[0] ?? '';
}

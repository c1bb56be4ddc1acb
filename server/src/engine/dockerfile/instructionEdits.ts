import type { Instruction } from 'dockerfile-ast';
import type { LineIndex } from '../../parse/lineIndex';
import type { TextEdit } from '../types';

/** Deletes an instruction's lines, continuation lines and line break included. */
export function deleteInstructionLines(lines: LineIndex, instruction: Instruction): TextEdit {
  const { start, end } = instruction.getRange();
  const to = end.line + 1 < lines.lineCount ? { line: end.line + 1, character: 0 } : { line: end.line, character: lines.lineText(end.line).length };
  return { range: { start: { line: start.line, character: 0 }, end: to }, newText: '' };
}

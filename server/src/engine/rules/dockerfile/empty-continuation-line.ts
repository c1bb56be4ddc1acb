import { Copy, Run, type Instruction } from 'dockerfile-ast';
import type { LineIndex } from '../../../parse/lineIndex';
import { defineRule } from '../../rule';

/**
 * Blank lines inside a continued instruction: inside its range, which runs on past a line that
 * ends with the escape character (here-document bodies, whose blank lines are the script's own,
 * are left out), each with the line whose escape character continues into it.
 */
export function emptyContinuationLines(lines: LineIndex, instructions: readonly Instruction[]): { blank: number; continued: number }[] {
  const found: { blank: number; continued: number }[] = [];
  for (const instruction of instructions) {
    const { start, end } = instruction.getRange();
    if (end.line === start.line) continue;
    const blanks: { blank: number; continued: number }[] = [];
    let continued = start.line;
    for (let line = start.line + 1; line <= end.line; line++) {
      if (line === end.line && end.character === 0) break;
      const trimmed = lines.lineText(line).trim();
      if (trimmed === '') blanks.push({ blank: line, continued });
      else if (!trimmed.startsWith('#')) continued = line;
    }
    // Asked only when there is a blank line: reading the here-documents is the costly part.
    if (blanks.length === 0 || ((instruction instanceof Run || instruction instanceof Copy) && instruction.getHeredocs().length > 0)) continue;
    found.push(...blanks);
  }
  return found;
}

/**
 * BuildKit NoEmptyContinuation: a blank line in the middle of a continued instruction. The fix
 * deletes the blank line; comment lines there are left alone (BuildKit allows them).
 */
export default defineRule({
  meta: {
    id: 'empty-continuation-line',
    title: 'Empty line inside a continued instruction',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { buildkit: ['NoEmptyContinuation'] },
    fixable: true,
    rationale:
      'A blank line after a line that ends with `\\` is skipped today, so the instruction goes on past it, but it reads as the end of the instruction, and BuildKit warns that it will become an error in a future release. Delete the blank line (a comment line in the same place is fine).',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update \\\n\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n' },
  },
  check(context) {
    for (const { blank, continued } of emptyContinuationLines(context.lines, context.dockerfile.ast.getInstructions())) {
      const text = context.lines.lineText(continued);
      const escapeAt = text.trimEnd().length - 1;
      const end = blank + 1 < context.lines.lineCount ? { line: blank + 1, character: 0 } : { line: blank, character: context.lines.lineText(blank).length };
      context.report({
        range: { start: { line: continued, character: escapeAt }, end: { line: continued, character: escapeAt + 1 } },
        message: `The line after this continuation (line ${blank + 1}) is empty: BuildKit will reject it in a future release; delete it`,
        fix: { title: 'Delete the empty line', edits: [{ range: { start: { line: blank, character: 0 }, end }, newText: '' }] },
      });
    }
  },
});

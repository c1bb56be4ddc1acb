import { Copy, Run } from 'dockerfile-ast';
import type { LineIndex } from '../../../parse/lineIndex';
import { defineRule } from '../../rule';

/** The lines of here-document bodies, where blank lines are the script's own. */
function heredocLines(instructions: readonly unknown[]): Set<number> {
  const out = new Set<number>();
  for (const instruction of instructions) {
    if (!(instruction instanceof Run) && !(instruction instanceof Copy)) continue;
    if (instruction.getHeredocs().length === 0) continue;
    const { start, end } = instruction.getRange();
    for (let line = start.line + 1; line <= end.line; line++) out.add(line);
  }
  return out;
}

/**
 * Blank lines inside a continued instruction (after a line that ends with the escape character),
 * each with the line whose escape character continues into it.
 */
export function emptyContinuationLines(lines: LineIndex, escape: string, skip: ReadonlySet<number>): { blank: number; continued: number }[] {
  const found: { blank: number; continued: number }[] = [];
  let continued = -1;
  for (let line = 0; line < lines.lineCount; line++) {
    if (skip.has(line)) {
      continued = -1;
      continue;
    }
    const trimmed = lines.lineText(line).trim();
    if (trimmed === '') {
      if (continued >= 0) found.push({ blank: line, continued });
      continue;
    }
    // A comment line inside a continuation neither ends nor continues it.
    if (continued >= 0 && trimmed.startsWith('#')) continue;
    continued = trimmed.endsWith(escape) && !trimmed.startsWith('#') ? line : -1;
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
    const ast = context.dockerfile.ast;
    for (const { blank, continued } of emptyContinuationLines(context.lines, ast.getEscapeCharacter(), heredocLines(ast.getInstructions()))) {
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

import { DockerfileParser } from 'dockerfile-ast';
import { ignoreRuleEdit } from './suppressions';
import type { TextEdit } from './types';
import { LineIndex } from '../parse/lineIndex';

/**
 * The edits behind "Ignore <rule> here" and "Ignore <rule> in this file". The pragma for one
 * place goes above the construct the engine matches it against: the first line of the
 * Dockerfile instruction (an instruction may span continuation lines and heredocs), or the
 * YAML line the finding starts on.
 */
export class IgnoreEdits {
  private lineIndex: LineIndex | null = null;
  private instructions: { start: number; end: number }[] | null = null;

  constructor(
    private readonly text: string,
    private readonly dockerfile: boolean,
  ) {}

  private get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  here(line: number, ruleId: string): TextEdit {
    return ignoreRuleEdit(this.lines, this.dockerfile ? this.instructionStart(line) : line, ruleId);
  }

  /** Adds the id to an existing `# seaworthy-ignore-file` line, or adds one at the top. */
  inFile(ruleId: string): TextEdit {
    const lines = this.lines;
    for (let line = 0; line < lines.lineCount; line++) {
      const m = /^(\s*#\s*seaworthy-ignore-file\s+)([^\s-]\S*)/.exec(lines.lineText(line));
      if (!m || m[1] === undefined || m[2] === undefined) continue;
      const ids = m[2].split(',');
      const at = { line, character: m[1].length + m[2].length };
      return { range: { start: at, end: at }, newText: ids.includes(ruleId) ? '' : `,${ruleId}` };
    }
    const eol = this.text.includes('\r\n') ? '\r\n' : '\n';
    const at = { line: this.dockerfile ? this.directiveLines() : 0, character: 0 };
    return { range: { start: at, end: at }, newText: `# seaworthy-ignore-file ${ruleId}${eol}` };
  }

  /** Parser directives (`# syntax=…`, `# escape=…`) must stay first or they become comments. */
  private directiveLines(): number {
    let line = 0;
    while (line < this.lines.lineCount && /^\s*#\s*[A-Za-z][\w-]*\s*=/.test(this.lines.lineText(line))) line++;
    return line;
  }

  private instructionStart(line: number): number {
    this.instructions ??= DockerfileParser.parse(this.text)
      .getInstructions()
      .map((i) => ({ start: i.getRange().start.line, end: i.getRange().end.line }));
    return this.instructions.find((i) => i.start <= line && line <= i.end)?.start ?? line;
  }
}

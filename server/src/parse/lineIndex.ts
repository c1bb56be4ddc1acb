import type { Position, Range } from '../engine/types';

/**
 * Converts string offsets to LSP positions (and back) for one text. Built once per text. Lines
 * end at `\n`, `\r\n` or a lone `\r`, as LSP (and the editor, and dockerfile-ast) count them.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === CR && text.charCodeAt(i + 1) === LF) i++;
        if (c === CR || c === LF) starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the \r and \n of a CRLF is the end of the line, not a character past it.
    if (this.text.charCodeAt(clamped) === LF && this.text.charCodeAt(clamped - 1) === CR) clamped--;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - (this.starts[lo] as number) };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, p.line)] as number;
    const next = p.line + 1 < this.starts.length ? (this.starts[p.line + 1] as number) : this.text.length + 1;
    return Math.min(start + p.character, next - 1, this.text.length);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))] as number;
  }

  lineText(line: number): string {
    const index = Math.max(0, Math.min(line, this.starts.length - 1));
    const start = this.starts[index] as number;
    const next = this.starts[index + 1];
    if (next === undefined) return this.text.slice(start);
    return this.text.slice(start, next - (this.text.charCodeAt(next - 2) === CR && this.text.charCodeAt(next - 1) === LF && next - 2 >= start ? 2 : 1));
  }
}

const CR = 0x0d;
const LF = 0x0a;

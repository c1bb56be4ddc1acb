import type { Position, Range } from '../engine/types';

/** Converts string offsets to LSP positions (and back) for one text. Built once per text. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
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
    const start = this.lineStart(line);
    const nl = this.text.indexOf('\n', start);
    const end = nl === -1 ? this.text.length : nl;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

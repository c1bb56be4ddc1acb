/**
 * The text a shell receives for a shell-form RUN, as BuildKit builds it, with a map back to the
 * Dockerfile: continuation lines are joined (the escape character and the line break removed,
 * whatever the `# escape=` directive names), comment and blank lines inside a continuation
 * dropped, CRLF read as LF, and heredoc bodies kept line by line after the command line.
 */
export interface ShellSource {
  text: string;
  /** Where each run of the text comes from, in order; offsets relative to the instruction start. */
  segments: Segment[];
}

export interface Segment {
  /** Offset in `ShellSource.text`. */
  at: number;
  /** Offset in the instruction's text. */
  from: number;
  length: number;
}

/** A line's end in the escape character (backslash, or the backtick `# escape=` may choose), spaces after it allowed. */
export function lineContinuation(escape: string): RegExp {
  return new RegExp(`${escape === '`' ? '`' : '\\\\'}[ \\t]*$`);
}

/**
 * `instruction` is the RUN's text (from its keyword to its last character); `start` is where the
 * command begins in it (after the keyword and flags).
 */
export function shellSourceOf(instruction: string, start: number, escape: string): ShellSource {
  const out = new SourceBuilder(instruction);
  const continuation = lineContinuation(escape);
  let at = start;
  // The command line: physical lines joined while each ends in the escape character.
  while (at <= instruction.length) {
    const { content, next } = lineAt(instruction, at);
    const match = continuation.exec(content);
    if (!match) {
      out.add(at, content.length);
      at = next;
      break;
    }
    out.add(at, match.index);
    at = next;
    while (at < instruction.length && /^[ \t]*(?:#.*)?$/.test(lineAt(instruction, at).content)) at = lineAt(instruction, at).next;
  }
  // Heredoc bodies: the rest of the instruction, as written.
  while (at < instruction.length) {
    const { content, next } = lineAt(instruction, at);
    out.add(at - 1, 0, '\n');
    out.add(at, content.length);
    at = next;
  }
  return out.done();
}

/**
 * For `RUN <<EOF` (the heredoc is the whole command) BuildKit runs the heredoc's body as the
 * script. Returns that body as a source, or null when the command is more than a heredoc.
 */
export function heredocScriptOf(source: ShellSource): ShellSource | null {
  const firstBreak = source.text.indexOf('\n');
  const commandLine = firstBreak === -1 ? source.text : source.text.slice(0, firstBreak);
  const opener = /^\s*<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2\s*$/.exec(commandLine);
  if (!opener || firstBreak === -1) return opener ? { text: '', segments: [] } : null;
  const delimiter = opener[3] as string;
  const lines = source.text.slice(firstBreak + 1).split('\n');
  let bodyLength = 0;
  for (const line of lines) {
    if ((opener[1] ? line.replace(/^\t+/, '') : line) === delimiter) break;
    bodyLength += line.length + 1;
  }
  const bodyStart = firstBreak + 1;
  return sliceSource(source, bodyStart, Math.min(bodyStart + bodyLength, source.text.length));
}

/** Offset in the instruction's text of `offset` in the source (an end offset maps to just after its character). */
export function instructionOffset(source: ShellSource, offset: number): number {
  const segments = source.segments;
  let lo = 0;
  let hi = segments.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segments[mid] as Segment).at <= offset) lo = mid;
    else hi = mid - 1;
  }
  // At a segment boundary the earlier segment's end is where an insertion belongs.
  let segment = segments[lo] as Segment;
  const previous = segments[lo - 1];
  if (previous && segment.at === offset && previous.at + previous.length === offset && previous.length > 0) segment = previous;
  return segment.from + Math.min(Math.max(offset - segment.at, 0), segment.length);
}

function sliceSource(source: ShellSource, start: number, end: number): ShellSource {
  const segments: Segment[] = [];
  for (const s of source.segments) {
    const from = Math.max(s.at, start);
    const to = Math.min(s.at + s.length, end);
    if (to > from) segments.push({ at: from - start, from: s.from + (from - s.at), length: to - from });
  }
  return { text: source.text.slice(start, end), segments };
}

function lineAt(text: string, at: number): { content: string; next: number } {
  const newline = text.indexOf('\n', at);
  const end = newline === -1 ? text.length : newline;
  const content = text.slice(at, end);
  return { content: content.endsWith('\r') ? content.slice(0, -1) : content, next: newline === -1 ? text.length + 1 : newline + 1 };
}

class SourceBuilder {
  private text = '';
  private readonly segments: Segment[] = [];

  constructor(private readonly instruction: string) {}

  /** Adds `length` characters of the instruction from `from`, or `literal` standing for the character there. */
  add(from: number, length: number, literal?: string): void {
    const piece = literal ?? this.instruction.slice(from, from + length);
    if (piece === '') return;
    this.segments.push({ at: this.text.length, from, length: piece.length });
    this.text += piece;
  }

  done(): ShellSource {
    return { text: this.text, segments: this.segments };
  }
}

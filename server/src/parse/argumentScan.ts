import { Argument, type Instruction } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';

/**
 * An instruction's arguments as dockerfile-ast's `getRawArguments` splits them (same values, same
 * ranges: `test/unit/argumentScan.test.ts` compares the two on every fixture, example and thousands
 * of fuzzed instructions), at a fraction of the allocation. dockerfile-ast builds each value one
 * character at a time (a string per character) and gives each argument a range and two positions
 * up front: a RUN of 8,000 commands made ~48 MB of short-lived objects per parse, and once those
 * outgrew V8's young generation the garbage collector made parsing grow ~7× per doubling. Here a
 * value is one slice of the text unless escapes or continuation lines split it, and a range is
 * computed when asked for (most never are).
 */

interface TextDocumentLike {
  getText(): string;
  offsetAt(position: Position): number;
  positionAt(offset: number): Position;
}

/** `Argument` with its range computed from two offsets on first use. */
class ScannedArgument {
  private fixed: Range | undefined;

  constructor(
    readonly value: string,
    private readonly document: TextDocumentLike,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get range(): Range {
    return (this.fixed ??= { start: this.document.positionAt(this.start), end: this.document.positionAt(this.end) });
  }
}
// dockerfile-ast's own methods (getValue, getRange, isAfter, isBefore) read `value` and `range`.
Object.setPrototypeOf(ScannedArgument.prototype, Argument.prototype);

type Scannable = Instruction & { document: TextDocumentLike; escapeChar: string };

/** The arguments of `instruction`: dockerfile-ast's `Instruction.getRawArguments`, rewritten. */
export function scanArguments(instruction: Instruction): Argument[] {
  const { document, escapeChar } = instruction as Scannable;
  const args: Argument[] = [];
  const keyword = instruction.getInstructionRange();
  const extra = document.offsetAt(keyword.end) - document.offsetAt(keyword.start);
  const text = instruction.getTextContent().substring(extra);
  const offset = document.offsetAt(keyword.start) + extra;
  // The scan's state, as in dockerfile-ast: at the start of a continuation line (where `#` opens
  // a comment line), inside such a comment, inside an escaped line break and its whitespace.
  let start = false;
  let comment = false;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  // Where the current argument starts and where an escape cut it short (-1: none).
  let found = -1;
  let escapeMarker = -1;
  // The argument's value is `text.slice(found, verbatimEnd)` while every character taken was
  // taken as written and in a row; from the first one that was not, it is built in `built`.
  let verbatimEnd = -1;
  let built: string | null = null;
  const take = (at: number, taken: string, verbatim: boolean): void => {
    if (found === -1) {
      found = at;
      verbatimEnd = at;
      built = null;
    }
    if (built === null && verbatim && verbatimEnd === at) verbatimEnd = at + taken.length;
    else built = (built ?? text.slice(found, verbatimEnd)) + taken;
  };
  const push = (end: number): void => {
    args.push(new ScannedArgument(built ?? text.slice(found, verbatimEnd), document, offset + found, offset + end) as unknown as Argument);
    built = null;
    found = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === '\r' || char === '\n') {
          // A line break: the whitespace before it did not count; a comment line ends.
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        push(escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
      }
    } else if (char === escapeChar) {
      const next = text.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        whitespace: for (let j = i + 2; j < text.length; j++) {
          switch (text.charAt(j)) {
            case ' ':
            case '\t':
              continue;
            case '\r':
            case '\n':
              if (text.charAt(j) === '\r') j++; // taken as \r\n, as dockerfile-ast does
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break whitespace;
            default:
              escapeMarker = i;
              if (found === -1) i = j - 1;
              break whitespace;
          }
        }
      } else if (next === '\r' || next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += next === '\r' ? 2 : 1;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) push(escapeMarker);
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === '') break; // the escape character ends the text
        // An escaped `$` keeps its escape (it is not a variable); any other character loses it.
        if (next === '$') take(i, char + next, true);
        else take(i, next, false);
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) push(escapeMarker);
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        take(i, char, true);
      }
      start = false;
    }
  }
  if (found !== -1) push(escapeMarker === -1 ? text.length : escapeMarker);
  return args;
}

/**
 * Variable substitution in Dockerfile values (`$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`,
 * `${VAR:+word}`, `${VAR+word}`, words nested inside them), as BuildKit's shell lexer does it for
 * ARG, ENV, FROM, USER and `--from`, but bounded: a value is "unknown" (null) rather than built
 * when it would grow past MAX_EXPANDED_CHARS, when one file's values have already substituted
 * EXPANSION_BUDGET_CHARS, or when braces nest deeper than MAX_NESTING. A chain of ARGs that
 * double (`ARG B1=${A}${A}`, `ARG B2=${B1}${B1}` …) thus costs a few kilobytes, not the process.
 * The scan reads each character once, without regular expressions.
 */

/** An expanded value longer than this (or than its own written text) is unknown. */
export const MAX_EXPANDED_CHARS = 4096;
/** Substituted characters one budget allows: a file's worth of ordinary ARGs many times over. */
export const EXPANSION_BUDGET_CHARS = 1024 * 1024;
/** `${A:-${B:-${C…}}}` nested deeper than this is unknown. */
export const MAX_NESTING = 32;

/** Shared by the expansions of one file (or one pass over it), so their total work is bounded. */
export class ExpansionBudget {
  constructor(public remaining: number = EXPANSION_BUDGET_CHARS) {}
}

/** Thrown inside the scan when the value cannot be known; never escapes `expandArgs`. */
class Unknown {}
const UNKNOWN = new Unknown();

/**
 * Substitutes the variables of `text` from `args` (a name mapped to undefined is declared without
 * a value). Returns null when a variable the value needs has no value, for forms BuildKit has
 * but this does not model (`${VAR#prefix}`, `${VAR/a/b}`, `${VAR:?message}`), for a `${` left
 * open, and past the bounds above.
 */
export function expandArgs(text: string, args: ReadonlyMap<string, string | undefined>, budget: ExpansionBudget = new ExpansionBudget()): string | null {
  if (!text.includes('$')) return text;
  const scan = new Scan(text, args, budget, Math.max(MAX_EXPANDED_CHARS, text.length));
  try {
    const value = scan.word(0, false, true);
    return scan.pos === text.length ? value : null;
  } catch (e) {
    if (e === UNKNOWN) return null;
    throw e;
  }
}

class Scan {
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly args: ReadonlyMap<string, string | undefined>,
    private readonly budget: ExpansionBudget,
    private readonly limit: number,
  ) {}

  /**
   * Reads a word from `pos` to the end of the text, or inside braces up to (not past) the `}`
   * that closes them. With `use` false the word is only skipped (the branch not taken of
   * `${VAR:-word}`): its variables need no value.
   */
  word(depth: number, inBraces: boolean, use: boolean): string {
    if (depth > MAX_NESTING) throw UNKNOWN;
    const { text } = this;
    let out = '';
    let literalFrom = this.pos;
    while (this.pos < text.length) {
      const ch = text.charCodeAt(this.pos);
      if (inBraces && ch === CLOSE_BRACE) break;
      if (ch !== DOLLAR) {
        this.pos++;
        continue;
      }
      const next = text.charCodeAt(this.pos + 1);
      if (next !== OPEN_BRACE && !isNameStart(next)) {
        this.pos++;
        continue;
      }
      if (use) out = this.append(out, text.slice(literalFrom, this.pos));
      this.pos++;
      const value = next === OPEN_BRACE ? this.braced(depth, use) : this.variable(this.name(), use);
      if (use) out = this.append(out, value);
      literalFrom = this.pos;
    }
    return use ? this.append(out, text.slice(literalFrom, this.pos)) : '';
  }

  /** `{NAME}` or `{NAME<op>word}` after a `$`; `pos` is at the `{`. */
  private braced(depth: number, use: boolean): string {
    this.pos++;
    const name = this.name();
    if (name === '') throw UNKNOWN;
    const { text } = this;
    if (text.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      return this.variable(name, use);
    }
    const colon = text.charCodeAt(this.pos) === COLON;
    const op = text.charCodeAt(this.pos + (colon ? 1 : 0));
    if (op !== MINUS && op !== PLUS) throw UNKNOWN;
    this.pos += colon ? 2 : 1;
    const value = use ? this.args.get(name) : undefined;
    const isSet = use && value !== undefined;
    const counts = isSet && (!colon || value !== '');
    // `-` uses the word when the variable does not count, `+` when it does.
    const takesWord = use && (op === MINUS ? !counts : counts);
    const word = this.word(depth + 1, true, takesWord);
    if (text.charCodeAt(this.pos) !== CLOSE_BRACE) throw UNKNOWN;
    this.pos++;
    if (!use) return '';
    if (takesWord) return word;
    return op === MINUS ? this.charge(value as string) : '';
  }

  private variable(name: string, use: boolean): string {
    if (!use) return '';
    const value = this.args.get(name);
    if (value === undefined) throw UNKNOWN;
    return this.charge(value);
  }

  private name(): string {
    const start = this.pos;
    if (!isNameStart(this.text.charCodeAt(this.pos))) return '';
    while (this.pos < this.text.length && isNamePart(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private charge(value: string): string {
    this.budget.remaining -= value.length;
    if (this.budget.remaining < 0) throw UNKNOWN;
    return value;
  }

  private append(out: string, more: string): string {
    if (out.length + more.length > this.limit) throw UNKNOWN;
    return out + more;
  }
}

const DOLLAR = 0x24;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

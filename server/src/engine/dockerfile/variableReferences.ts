/**
 * The variables a Dockerfile word refers to, where BuildKit's word lexer would look them up:
 * `$NAME`, `${NAME}` and `${NAME<modifier>word}` (every modifier; the variables of the nested
 * word count too, since BuildKit reads it whether or not it is used). Not inside single quotes,
 * not after the escape character, not `$1` or `$@`. One pass over the text, no regular
 * expressions; the nesting depth is bounded.
 */
export interface VariableReference {
  name: string;
  /** Offsets into the text: from the `$` to the end of the name or the closing `}`. */
  start: number;
  end: number;
}

const MAX_DEPTH = 32;

export function variableReferences(text: string, escape = '\\'): VariableReference[] {
  const out: VariableReference[] = [];
  if (!text.includes('$')) return out;
  scan(text, 0, escape, out, 0, false);
  return out;
}

/** Scans from `pos` to the end, or inside braces to the `}` that closes them; returns where it stopped. */
function scan(text: string, pos: number, escape: string, out: VariableReference[], depth: number, inBraces: boolean): number {
  let quote: "'" | '"' | null = null;
  while (pos < text.length) {
    const ch = text[pos] as string;
    if (quote === "'") {
      if (ch === "'") quote = null;
      pos++;
    } else if (ch === escape) {
      pos += 2;
    } else if (ch === "'" && !inBraces) {
      quote = quote === '"' ? quote : "'";
      pos++;
    } else if (ch === '"') {
      quote = quote === '"' ? null : '"';
      pos++;
    } else if (ch === '}' && inBraces) {
      return pos;
    } else if (ch === '$') {
      pos = reference(text, pos, escape, out, depth);
    } else {
      pos++;
    }
  }
  return pos;
}

/** Reads the reference at the `$` at `start` (if it is one) and returns the offset after it. */
function reference(text: string, start: number, escape: string, out: VariableReference[], depth: number): number {
  const braced = text[start + 1] === '{';
  const nameStart = start + (braced ? 2 : 1);
  let pos = nameStart;
  if (!isNameStart(text.charCodeAt(pos))) return nameStart;
  while (pos < text.length && isNamePart(text.charCodeAt(pos))) pos++;
  const name = text.slice(nameStart, pos);
  if (!braced) {
    out.push({ name, start, end: pos });
    return pos;
  }
  const at = out.length;
  if (text[pos] !== '}') {
    if (depth >= MAX_DEPTH) return text.length;
    pos = scan(text, pos, escape, out, depth + 1, true);
  }
  if (text[pos] !== '}') return pos;
  out.splice(at, 0, { name, start, end: pos + 1 });
  return pos + 1;
}

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

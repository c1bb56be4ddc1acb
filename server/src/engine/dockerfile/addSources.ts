import type { Add } from 'dockerfile-ast';
import { jsonArgumentsOf } from '../../parse/shell/jsonArguments';
import type { Range } from '../types';

/**
 * What an ADD source is, as BuildKit decides it: a Git repository (`git@…`, `git://…`,
 * `ssh://…`, or an http(s) URL whose path ends in `.git`), another http(s) URL, a heredoc, or a
 * path in the build context.
 */
export type AddSourceKind = 'git' | 'http' | 'heredoc' | 'local';

export interface AddSource {
  /** The source as written, JSON quotes removed. */
  text: string;
  /** Where the source is written (for JSON form, inside the quotes). */
  range: Range;
  kind: AddSourceKind;
}

export function classifyAddSource(text: string): AddSourceKind {
  if (text.startsWith('<<')) return 'heredoc';
  if (/^(?:git@|git:\/\/|ssh:\/\/)/i.test(text)) return 'git';
  if (/^https?:\/\//i.test(text)) return /\.git(?:[#?]|$)/i.test(text) ? 'git' : 'http';
  return 'local';
}

/**
 * The sources of an ADD (every argument but the destination), in shell or JSON form. Heredoc
 * bodies come back from the parser as arguments too; only the `<<EOF` words are sources.
 */
export function addSources(add: Add): AddSource[] {
  const json = jsonArgumentsOf(add);
  if (json.length > 0) {
    return json.slice(0, -1).map((a) => {
      const { start, end } = a.range;
      const range = { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - 1 } };
      return { text: a.value, range, kind: classifyAddSource(a.value) };
    });
  }
  const args = add.getArguments();
  const firstLine = add.getRange().start.line;
  const heredocStart = args.findIndex((a) => a.getValue().startsWith('<<'));
  // With a heredoc the instruction's own arguments are those on its first line.
  const own = heredocStart === -1 ? args : args.filter((a) => a.getRange().start.line === firstLine);
  return own.slice(0, -1).map((a) => {
    const word = unquoted(a.getValue());
    const { start, end } = a.getRange();
    const range = word === a.getValue() ? a.getRange() : { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - 1 } };
    return { text: word, range, kind: classifyAddSource(word) };
  });
}

/**
 * The word BuildKit sees: `ADD "https://…" /x` downloads, exactly as the unquoted form does
 * (a fix that read it as a local path and turned it into COPY would break the build).
 */
function unquoted(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0] ? value.slice(1, -1) : value;
}

import { baseImageInfoAt, type BaseImageInfo } from '../baseImageInfo';

/**
 * The image an `image:` line of a manifest names, described from the catalogue as a Dockerfile's
 * FROM is (variant, user, shell, size, support, smaller alternatives); null elsewhere or when the
 * catalogue does not know it.
 */
export function manifestImageInfoAt(text: string, position: { line: number; character: number }, today: string): BaseImageInfo | null {
  const line = text.split(/\r?\n/, position.line + 1)[position.line] ?? '';
  const m = /^(\s*(?:-\s+)?image\s*:\s*)(["']?)([^\s"'#]+)\2/.exec(line);
  if (!m) return null;
  const start = m[1]!.length + m[2]!.length;
  const end = start + m[3]!.length;
  if (position.character < start || position.character > end) return null;
  const info = baseImageInfoAt(`FROM ${m[3]}\n`, { line: 0, character: 5 }, today);
  return info ? { ...info, range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } } } : null;
}

/**
 * Reading untrusted JSON without trusting its shape: scanners omit empty fields (Go `omitempty`),
 * change types between versions (Grype's `source.target` is an object or a string) and sort keys
 * differently. Every accessor answers a safe default instead of throwing.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject {
  const child = isObject(value) ? value[key] : undefined;
  return isObject(child) ? child : {};
}

export function arrayAt(value: unknown, key: string): unknown[] {
  const child = isObject(value) ? value[key] : undefined;
  return Array.isArray(child) ? child : [];
}

/** The string at `key`, trimmed; '' when absent or not a string. */
export function textAt(value: unknown, key: string): string {
  const child = isObject(value) ? value[key] : undefined;
  return typeof child === 'string' ? child.trim() : '';
}

/** The string at `key`, or null when absent or empty. */
export function optionalTextAt(value: unknown, key: string): string | null {
  return textAt(value, key) || null;
}

/** Strings of an array, empty ones dropped. */
export function textsAt(value: unknown, key: string): string[] {
  return arrayAt(value, key)
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const TITLE_LIMIT = 120;

/** A one-line title from a description: its first line, cut at a word before 120 characters. */
export function titleFrom(description: string): string {
  const line = (description.trim().split(/\r?\n/)[0] ?? '').trim();
  if (line.length <= TITLE_LIMIT) return line;
  const cut = line.slice(0, TITLE_LIMIT - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 60 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** `name@sha256:…` (a repo digest) or a bare digest → `sha256:…`; null for anything else. */
export function digestOf(text: string): string | null {
  const match = /(?:^|@)(sha256:[0-9a-f]{64})$/.exec(text.trim());
  return match ? (match[1] as string) : null;
}

/** `1.2.1,2.1.3` or `["1.2.1", "2.1.3"]` → `1.2.1, 2.1.3` (Trivy's way of listing alternatives); null when empty. */
export function fixedVersions(versions: readonly string[]): string | null {
  const all = versions.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return all.length > 0 ? all.join(', ') : null;
}

/**
 * The parts of an OSV record (https://ossf.github.io/osv-schema/) that matching reads. Records
 * come from files users downloaded, so every field is checked before use.
 */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type?: string;
  events?: OsvEvent[];
}

export interface OsvAffected {
  package?: { ecosystem?: string; name?: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvRecord {
  id: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  withdrawn?: string;
  severity?: { type?: string; score?: string }[];
  affected?: OsvAffected[];
  references?: { type?: string; url?: string }[];
  database_specific?: Record<string, unknown>;
}

/** A parsed OSV record, or null when the JSON is not one (no id, or affected not a list). */
export function asOsvRecord(value: unknown): OsvRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string' || record.id === '') return null;
  if (record.affected !== undefined && !Array.isArray(record.affected)) return null;
  return value as OsvRecord;
}

/** How OSV names compare within an ecosystem: PyPI names normalised as PEP 503 says (`Foo_Bar.baz` = `foo-bar-baz`), others as written. */
export function packageKey(ecosystem: string, name: string): string {
  return ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

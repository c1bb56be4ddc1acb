/**
 * The one result model every scanner's report is normalised into. Its JSON form is the
 * `scan --format json` contract in DESIGN.md: key names and value vocabularies are fixed there.
 * Plain data, no `vscode`, no file system: the CLI, the language server and the client share it.
 */

/** The scanners Seaworthy can run or read reports of. */
export type ScanEngineId = 'trivy' | 'grype' | 'docker-scout' | 'builtin';
export const SCAN_ENGINE_IDS: readonly ScanEngineId[] = ['trivy', 'grype', 'docker-scout', 'builtin'];

/** The engines by the names their users know them. */
export const SCAN_ENGINE_NAMES: Record<ScanEngineId, string> = { trivy: 'Trivy', grype: 'Grype', 'docker-scout': 'Docker Scout', builtin: 'Seaworthy' };

/**
 * Severity of a vulnerability or an image finding, highest first. `info` is below every other
 * level (below `unknown`, which is an unrated vulnerability) and is for notes only, never for a
 * vulnerability: no threshold reaches it, so it never changes an exit code.
 */
export type ScanSeverity = 'critical' | 'high' | 'medium' | 'low' | 'unknown' | 'info';
export const SCAN_SEVERITIES: readonly ScanSeverity[] = ['critical', 'high', 'medium', 'low', 'unknown', 'info'];

export interface Vulnerability {
  /** The advisory id as the scanner reports it: `CVE-…`, `GHSA-…`, Debian `TEMP-…`, … */
  id: string;
  package: string;
  installedVersion: string;
  /** The version(s) that fix it (alternatives joined with `, `), or null when none is known. */
  fixedVersion: string | null;
  severity: ScanSeverity;
  /** A one-line summary; the start of the description when the scanner gives no title; may be empty. */
  title: string;
  url: string | null;
}

/** Something about the image that is not a package vulnerability (a secret, a misconfiguration). */
export interface ScanFinding {
  ruleId: string;
  severity: ScanSeverity;
  message: string;
  /** The file in the image (or the report's target) it concerns, when known. */
  path: string | null;
}

export interface OperatingSystem {
  family: string;
  version: string;
}

/** An installed package the built-in scanner found (its inventory; external reports carry none). */
export interface ScanPackage {
  name: string;
  version: string;
  /** The package world, as package URLs name it: deb, apk, rpm, npm, pypi, golang. */
  type: 'deb' | 'apk' | 'rpm' | 'npm' | 'pypi' | 'golang';
  /** The source package (dpkg `Source:`, apk origin, rpm `SOURCERPM`) when it differs from the name. */
  source: string | null;
  architecture: string | null;
  /** The database or metadata file it was read from: `/var/lib/dpkg/status`. */
  foundIn: string;
}

/** One image scanned by one engine. */
export interface ImageScan {
  /** The image reference as scanned; empty when an imported report does not name it (Docker Scout SARIF). */
  image: string;
  /** `sha256:…` of the image manifest (or index) when the scanner reports it. */
  digest: string | null;
  engine: ScanEngineId;
  os: OperatingSystem | null;
  vulnerabilities: Vulnerability[];
  findings: ScanFinding[];
  /** The package inventory, when the engine collects one (the built-in scanner). */
  packages?: ScanPackage[];
}

/** Synonyms the scanners use, lower-cased, mapped onto the five levels. */
const SEVERITY_WORDS: Record<string, ScanSeverity> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  medium: 'medium',
  moderate: 'medium',
  low: 'low',
  negligible: 'low',
  info: 'low',
  unknown: 'unknown',
  unspecified: 'unknown',
  none: 'unknown',
};

/** `CRITICAL` (Trivy), `Critical` (Grype), `critical` (CycloneDX), `moderate` (GHSA) → `critical`, …; anything else is `unknown`. */
export function normaliseSeverity(word: unknown): ScanSeverity {
  if (typeof word !== 'string') return 'unknown';
  return SEVERITY_WORDS[word.trim().toLowerCase()] ?? 'unknown';
}

/** Negative when `a` is more severe than `b`. */
export function compareSeverity(a: ScanSeverity, b: ScanSeverity): number {
  return SCAN_SEVERITIES.indexOf(a) - SCAN_SEVERITIES.indexOf(b);
}

/** True when `severity` is at or above `threshold` (critical > high > medium > low > unknown). */
export function atOrAbove(severity: ScanSeverity, threshold: ScanSeverity): boolean {
  return compareSeverity(severity, threshold) <= 0;
}

/** Counts per severity, every level present. */
export function severityCounts(items: readonly { severity: ScanSeverity }[]): Record<ScanSeverity, number> {
  const counts: Record<ScanSeverity, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0, info: 0 };
  for (const item of items) counts[item.severity]++;
  return counts;
}

/** "2 critical, 1 high" — the non-zero counts, highest first; "no vulnerabilities" when all are zero. */
export function countsSummary(items: readonly { severity: ScanSeverity }[], noun = 'vulnerabilities'): string {
  const counts = severityCounts(items);
  const parts = SCAN_SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : `no ${noun}`;
}

/**
 * The finding a built-in scan carries when it did not look for vulnerabilities (no OSV database,
 * or one it could not read): inside the contract's `findings`, at `info`, so the JSON keeps its
 * keys and the exit code does not change.
 */
export const VULNERABILITIES_NOT_CHECKED = 'vulnerabilities-not-checked';

/** Why vulnerabilities were not looked for in this scan (the finding's message), or null when they were. */
export function vulnerabilitiesNotChecked(scan: Pick<ImageScan, 'findings'>): string | null {
  return scan.findings.find((f) => f.ruleId === VULNERABILITIES_NOT_CHECKED)?.message ?? null;
}

/**
 * What a scan says of vulnerabilities: the counts, or — for a built-in scan without an OSV
 * database — that none were looked for (never "no vulnerabilities").
 */
export function vulnerabilitySummary(scan: Pick<ImageScan, 'vulnerabilities' | 'findings'>): string {
  return vulnerabilitiesNotChecked(scan) !== null ? 'vulnerabilities not checked' : countsSummary(scan.vulnerabilities);
}

/** Why a built-in scan without a database did not check vulnerabilities, and how to give one. */
export const NO_OSV_DATABASE = 'Vulnerabilities were not checked: the built-in scanner has no OSV database. Give one with --osv-db PATH (CLI) or the setting seaworthy.scan.osvDatabase (a folder of OSV records or osv.dev\'s all.zip exports).';

/** Most severe first, then by id and package, so every engine's output reads (and diffs) the same way. */
export function sortScan(scan: ImageScan): ImageScan {
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  scan.vulnerabilities.sort(
    (a, b) => compareSeverity(a.severity, b.severity) || byText(a.id, b.id) || byText(a.package, b.package) || byText(a.installedVersion, b.installedVersion),
  );
  scan.findings.sort((a, b) => compareSeverity(a.severity, b.severity) || byText(a.ruleId, b.ruleId) || byText(a.path ?? '', b.path ?? ''));
  return scan;
}

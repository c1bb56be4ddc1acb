import { normaliseSeverity, type ScanPackage, type ScanSeverity, type Vulnerability } from '../../model';
import { cvss3BaseScore, cvss4Score, cvssSeverity } from './cvss';
import { packageKey, type OsvAffected, type OsvRecord } from './osvRecord';
import { versionOrder, VersionSyntaxError, type VersionOrder } from './versionOrder';
import type { WantedPackages } from './osvDatabase';

/** The image's OS as `/etc/os-release` names it: `debian` `12`, `alpine` `3.19.1`. */
export interface OsIdentity {
  id: string;
  versionId: string;
}

/**
 * The OSV ecosystems a package belongs to: the distribution release for dpkg and apk packages
 * (`Debian:12`, `Ubuntu:22.04` and `Ubuntu:22.04:LTS`, `Alpine:v3.19`), none when the OS is not
 * known; the language ecosystems for the others.
 */
export function osvEcosystems(pkg: Pick<ScanPackage, 'type'>, os: OsIdentity | null): string[] {
  switch (pkg.type) {
    case 'deb': {
      if (os?.id === 'debian' && /^\d+/.test(os.versionId)) return [`Debian:${/^\d+/.exec(os.versionId)?.[0]}`];
      if (os?.id === 'ubuntu' && os.versionId) return [`Ubuntu:${os.versionId}`, `Ubuntu:${os.versionId}:LTS`];
      return [];
    }
    case 'apk': {
      const release = os?.id === 'alpine' ? /^(\d+)\.(\d+)/.exec(os.versionId) : null;
      return release ? [`Alpine:v${release[1]}.${release[2]}`] : [];
    }
    case 'rpm':
      // Listed in the inventory and the SBOM; not matched yet (no rpm version order here).
      return [];
    case 'npm':
      return ['npm'];
    case 'pypi':
      return ['PyPI'];
    case 'golang':
      return ['Go'];
  }
}

/** The name OSV files a package under: the source package for distributions (Debian and Alpine advisories name it), else the package. */
export function osvName(pkg: Pick<ScanPackage, 'type' | 'name' | 'source'>): string {
  return (pkg.type === 'deb' || pkg.type === 'apk') && pkg.source ? pkg.source : pkg.name;
}

/** What to look for in the database: each package's ecosystems and name. */
export function wantedPackages(packages: readonly ScanPackage[], os: OsIdentity | null): Map<string, Set<string>> {
  const wanted = new Map<string, Set<string>>();
  for (const pkg of packages) {
    for (const ecosystem of osvEcosystems(pkg, os)) {
      const names = wanted.get(ecosystem) ?? new Set<string>();
      names.add(packageKey(ecosystem, osvName(pkg)));
      wanted.set(ecosystem, names);
    }
  }
  return wanted;
}

/**
 * The vulnerabilities of the inventory: one per record and installed package whose version an
 * affected entry covers (its `versions` list, or an ECOSYSTEM/SEMVER range, compared in the
 * ecosystem's own order). A version the ecosystem cannot read matches nothing rather than
 * everything.
 */
export function matchVulnerabilities(packages: readonly ScanPackage[], os: OsIdentity | null, records: readonly OsvRecord[]): Vulnerability[] {
  const found = new Map<string, Vulnerability>();
  for (const pkg of packages) {
    const ecosystems = new Set(osvEcosystems(pkg, os));
    const name = osvName(pkg);
    for (const record of records) {
      for (const affected of record.affected ?? []) {
        const ecosystem = affected?.package?.ecosystem;
        const named = affected.package?.name;
        if (typeof ecosystem !== 'string' || !ecosystems.has(ecosystem) || typeof named !== 'string' || packageKey(ecosystem, named) !== packageKey(ecosystem, name)) continue;
        const order = versionOrder(ecosystem);
        const hit = order ? affects(affected, pkg.version, order) : null;
        const key = `${record.id}\u0000${pkg.name}\u0000${pkg.version}`;
        if (!hit || found.has(key)) continue;
        found.set(key, {
          id: record.id,
          package: pkg.name,
          installedVersion: pkg.version,
          fixedVersion: hit.fixed,
          severity: severityOf(record, affected),
          title: titleOf(record),
          url: urlOf(record),
        });
      }
    }
  }
  return [...found.values()];
}

interface Hit {
  /** The first version that fixes it, after the installed one; null when none is known. */
  fixed: string | null;
}

/** Whether `version` is affected, per the OSV schema's evaluation of `versions` and ranges. */
export function affects(affected: OsvAffected, version: string, order: VersionOrder): Hit | null {
  const compare = (a: string, b: string): number | null => {
    try {
      return order(a, b);
    } catch (e) {
      if (e instanceof VersionSyntaxError) return null;
      throw e;
    }
  };
  // An installed version the ecosystem cannot read is not placed in any range ("0" included).
  if (compare(version, version) === null) return null;
  const listed = Array.isArray(affected.versions) && affected.versions.some((v) => typeof v === 'string' && compare(v, version) === 0);
  let hit: Hit | null = listed ? { fixed: null } : null;
  for (const range of Array.isArray(affected.ranges) ? affected.ranges : []) {
    if (range?.type !== 'ECOSYSTEM' && range?.type !== 'SEMVER') continue;
    const events = (Array.isArray(range.events) ? range.events : []).filter((e) => typeof e === 'object' && e !== null);
    if (!inRange(events, version, compare)) continue;
    const fixes = events.map((e) => e.fixed).filter((f): f is string => typeof f === 'string' && (compare(f, version) ?? 0) > 0);
    fixes.sort((a, b) => compare(a, b) ?? 0);
    const fixed = fixes[0] ?? null;
    if (!hit || (fixed !== null && (hit.fixed === null || (compare(fixed, hit.fixed) ?? 0) < 0))) hit = { fixed };
  }
  return hit;
}

/**
 * A range's events, sorted by version ("0" first), read up to the installed version: the last
 * `introduced` at or below it turns the range on, a later `fixed` at or below it (or a
 * `last_affected` below it) turns it off.
 */
function inRange(events: readonly { introduced?: string; fixed?: string; last_affected?: string }[], version: string, compare: (a: string, b: string) => number | null): boolean {
  const points: { at: string; kind: 'introduced' | 'fixed' | 'last_affected' }[] = [];
  for (const e of events) {
    if (typeof e.introduced === 'string') points.push({ at: e.introduced, kind: 'introduced' });
    if (typeof e.fixed === 'string') points.push({ at: e.fixed, kind: 'fixed' });
    if (typeof e.last_affected === 'string') points.push({ at: e.last_affected, kind: 'last_affected' });
  }
  const position = (at: string): number | null => (at === '0' ? -1 : compare(version, at) === null ? null : -(compare(version, at) as number));
  // position: <0 the point is below the installed version, 0 at it, >0 above it.
  let affected = false;
  const sorted = points.filter((p) => position(p.at) !== null).sort((a, b) => (a.at === '0' ? -1 : b.at === '0' ? 1 : (compare(a.at, b.at) ?? 0)));
  for (const point of sorted) {
    const where = position(point.at) as number;
    if (point.kind === 'introduced' && where <= 0) affected = true;
    else if (point.kind === 'fixed' && where <= 0) affected = false;
    else if (point.kind === 'last_affected' && where < 0) affected = false;
  }
  return affected;
}

/** Debian's urgency words where they are not CVSS ratings. */
const URGENCY: Record<string, ScanSeverity> = { unimportant: 'low', 'end-of-life': 'low' };

/**
 * The severity the record gives: a word in the affected entry's or the record's
 * `database_specific`/`ecosystem_specific` (`severity`, Debian's `urgency`), else the highest
 * CVSS v3 or v4 score of `severity`, else an Ubuntu priority word there; unknown otherwise.
 */
export function severityOf(record: OsvRecord, affected?: OsvAffected): ScanSeverity {
  for (const bag of [affected?.ecosystem_specific, affected?.database_specific, record.database_specific]) {
    for (const key of ['severity', 'urgency']) {
      const word = bag?.[key];
      if (typeof word !== 'string') continue;
      const level = URGENCY[word.toLowerCase()] ?? normaliseSeverity(word);
      if (level !== 'unknown') return level;
    }
  }
  const scores = (Array.isArray(record.severity) ? record.severity : [])
    .map((s) => (typeof s?.score !== 'string' ? null : s.type === 'CVSS_V3' ? cvss3BaseScore(s.score) : s.type === 'CVSS_V4' ? cvss4Score(s.score) : null))
    .filter((s): s is number => s !== null);
  if (scores.length > 0) return cvssSeverity(Math.max(...scores));
  const ubuntu = (Array.isArray(record.severity) ? record.severity : []).find((s) => s?.type === 'Ubuntu');
  return ubuntu ? normaliseSeverity(ubuntu.score) : 'unknown';
}

function titleOf(record: OsvRecord): string {
  if (typeof record.summary === 'string' && record.summary.trim() !== '') return record.summary.trim();
  const details = typeof record.details === 'string' ? record.details.trim().split('\n')[0]?.trim() ?? '' : '';
  return details.length > 200 ? `${details.slice(0, 199)}…` : details;
}

/** The advisory's own page when the record names one, else its first web reference. */
function urlOf(record: OsvRecord): string | null {
  const references = (Array.isArray(record.references) ? record.references : []).filter((r) => typeof r?.url === 'string' && /^https?:\/\//.test(r.url));
  return (references.find((r) => r.type === 'ADVISORY') ?? references[0])?.url ?? null;
}

export type { WantedPackages };

import { normaliseSeverity, type ImageScan, type OperatingSystem, type Vulnerability } from '../model';
import { arrayAt, digestOf, fixedVersions, isObject, objectAt, optionalTextAt, textAt, textsAt, titleFrom } from './jsonValues';
import { ReportError } from './reportError';

/**
 * Grype's JSON report (`-o json`), old (0.7) to current. One vulnerability per match. Grype
 * gives no title, so the description (or the related NVD record's) supplies one; `severity` can
 * be missing; `source.target` is an object for images and a (sometimes quoted) string for
 * directories; key order is not stable, so nothing depends on it.
 */
export function parseGrypeReport(json: unknown): ImageScan {
  if (!isObject(json) || !Array.isArray(json.matches)) throw new ReportError('not a Grype JSON report (no matches array)');
  const target = objectAt(json, 'source').target;
  return {
    image: imageOf(target),
    digest: isObject(target) ? (textsAt(target, 'repoDigests').map(digestOf).find((d) => d !== null) ?? digestOf(textAt(target, 'manifestDigest'))) : null,
    engine: 'grype',
    os: osOf(objectAt(json, 'distro')),
    vulnerabilities: json.matches.filter(isObject).map(vulnerabilityOf),
    findings: [],
  };
}

function imageOf(target: unknown): string {
  if (isObject(target)) return textAt(target, 'userInput');
  // Directory scans: a path, which Grype before 0.30 wrapped in literal quotes (`"\".\""`).
  return typeof target === 'string' ? target.trim().replace(/^"(.*)"$/, '$1') : '';
}

function osOf(distro: Record<string, unknown>): OperatingSystem | null {
  const family = textAt(distro, 'name');
  return family === '' ? null : { family, version: textAt(distro, 'version') };
}

function vulnerabilityOf(match: Record<string, unknown>): Vulnerability {
  const vulnerability = objectAt(match, 'vulnerability');
  const artifact = objectAt(match, 'artifact');
  const related = arrayAt(match, 'relatedVulnerabilities').filter(isObject);
  const description = textAt(vulnerability, 'description') || (related.map((r) => textAt(r, 'description')).find((d) => d !== '') ?? '');
  return {
    id: textAt(vulnerability, 'id'),
    package: textAt(artifact, 'name'),
    installedVersion: textAt(artifact, 'version'),
    fixedVersion: fixedVersionOf(objectAt(vulnerability, 'fix')),
    severity: normaliseSeverity(vulnerability.severity),
    title: titleFrom(description),
    url: optionalTextAt(vulnerability, 'dataSource') ?? textsAt(vulnerability, 'urls')[0] ?? null,
  };
}

/** `fix.versions` unless the state says there is no fix (`not-fixed`, `wont-fix`); `""` and `unknown` occur with versions too. */
function fixedVersionOf(fix: Record<string, unknown>): string | null {
  return ['not-fixed', 'wont-fix'].includes(textAt(fix, 'state')) ? null : fixedVersions(textsAt(fix, 'versions'));
}

import { normaliseSeverity, type ImageScan, type OperatingSystem, type ScanFinding, type Vulnerability } from '../model';
import { arrayAt, digestOf, fixedVersions, isObject, objectAt, optionalTextAt, textAt, textsAt, titleFrom } from './jsonValues';
import { ReportError } from './reportError';

/**
 * Trivy's JSON report: the object form (`SchemaVersion: 2`, every release since v0.20) and the
 * legacy bare array of results (before v0.20). Vulnerabilities come from every result class;
 * secrets and failed misconfigurations become findings. Trivy omits empty fields, so nothing is
 * assumed present: no `Results`, a result without `Vulnerabilities`, a vulnerability without
 * `Title` or `FixedVersion` are all normal.
 */
export function parseTrivyReport(json: unknown): ImageScan {
  const legacy = Array.isArray(json);
  if (!legacy && !(isObject(json) && ('SchemaVersion' in json || 'Results' in json || 'ArtifactName' in json))) {
    throw new ReportError('not a Trivy JSON report (no SchemaVersion, Results or ArtifactName)');
  }
  if (!legacy && 'SchemaVersion' in json && json.SchemaVersion !== 2) {
    throw new ReportError(`Trivy report schema ${String(json.SchemaVersion)} is not supported (expected 2)`);
  }
  const results = (legacy ? json : arrayAt(json, 'Results')).filter(isObject);
  const metadata = objectAt(json, 'Metadata');
  const osTarget = results.map((r) => osTargetOf(textAt(r, 'Target'))).find((t) => t !== null) ?? null;
  return {
    image: (legacy ? osTarget?.artifact : textAt(json, 'ArtifactName')) ?? '',
    digest: textsAt(metadata, 'RepoDigests').map(digestOf).find((d) => d !== null) ?? null,
    engine: 'trivy',
    os: osOf(objectAt(metadata, 'OS')) ?? osTarget?.os ?? null,
    vulnerabilities: results.flatMap((r) => arrayAt(r, 'Vulnerabilities').filter(isObject).map(vulnerabilityOf)),
    findings: results.flatMap(findingsOf),
  };
}

function vulnerabilityOf(v: Record<string, unknown>): Vulnerability {
  return {
    id: textAt(v, 'VulnerabilityID'),
    package: textAt(v, 'PkgName'),
    installedVersion: textAt(v, 'InstalledVersion'),
    fixedVersion: fixedVersions([textAt(v, 'FixedVersion')]),
    severity: normaliseSeverity(v.Severity),
    title: textAt(v, 'Title') || titleFrom(textAt(v, 'Description')),
    url: optionalTextAt(v, 'PrimaryURL'),
  };
}

function findingsOf(result: Record<string, unknown>): ScanFinding[] {
  const target = optionalTextAt(result, 'Target');
  const secrets = arrayAt(result, 'Secrets')
    .filter(isObject)
    .map((s) => {
      const line = typeof s.StartLine === 'number' ? ` (line ${s.StartLine})` : '';
      return { ruleId: textAt(s, 'RuleID'), severity: normaliseSeverity(s.Severity), message: `${textAt(s, 'Title') || 'Secret'}${line}`, path: target };
    });
  // `--include-non-failures` adds passed checks to the list; only failures are findings.
  const misconfigurations = arrayAt(result, 'Misconfigurations')
    .filter(isObject)
    .filter((m) => !['PASS', 'EXCEPTION'].includes(textAt(m, 'Status')))
    .map((m) => ({
      ruleId: textAt(m, 'ID') || textAt(m, 'AVDID'),
      severity: normaliseSeverity(m.Severity),
      message: textAt(m, 'Message') || textAt(m, 'Title'),
      path: target,
    }));
  return [...secrets, ...misconfigurations];
}

function osOf(os: Record<string, unknown>): OperatingSystem | null {
  const family = textAt(os, 'Family');
  // `none`: OS detection was skipped or found nothing.
  if (family === '' || family === 'none') return null;
  return { family, version: textAt(os, 'Name') };
}

/** An OS result's target, `alpine:3.10 (alpine 3.10.9)`: the artifact and its OS (the legacy format's only source of both). */
function osTargetOf(target: string): { artifact: string; os: OperatingSystem } | null {
  const match = /^(.*) \(([a-z][\w.-]*) ([^()\s]+)\)$/.exec(target);
  if (!match) return null;
  return { artifact: match[1] as string, os: { family: match[2] as string, version: match[3] as string } };
}

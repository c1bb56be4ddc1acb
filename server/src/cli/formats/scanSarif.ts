import { compareSeverity, type ImageScan, type ScanFinding, type ScanSeverity, type Vulnerability } from '../../scan/model';
import { projectLinks } from '../projectLinks';
import type { PlacedScan, ScanLocation, ScanReport } from '../scanReport';
import { artifactLocationOf, folderUri, regionOf, SARIF_SCHEMA, SRCROOT } from './sarifLocations';

const LEVELS: Record<ScanSeverity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', unknown: 'note', info: 'note' };

/** GitHub code scanning ranks alerts by this (9.0+ critical, 7.0+ high, 4.0+ medium, else low). */
const SECURITY_SEVERITY: Record<ScanSeverity, string | null> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', unknown: null, info: null };

interface SarifRule {
  id: string;
  severity: ScanSeverity;
  title: string;
  url: string | null;
  kind: 'vulnerability' | 'finding';
}

/**
 * `scan --format sarif`: one run; a rule per vulnerability id (and per finding rule), a result per
 * affected package. With `--dockerfile` every result is located on the `FROM` line that brought
 * the image in, so code scanning shows it against the source; without, results name the image in
 * their message and properties only.
 */
export function formatScanSarif(report: ScanReport, toolVersion: string): string {
  const rules = rulesOf(report.scans.map((s) => s.scan));
  const indexById = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.scans.flatMap((placed) => [
    ...placed.scan.vulnerabilities.map((v) => vulnerabilityResult(v, placed, indexById.get(v.id), report.cwd)),
    ...placed.scan.findings.map((f) => findingResult(f, placed, indexById.get(f.ruleId), report.cwd)),
  ]);
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'seaworthy', version: toolVersion, semanticVersion: toolVersion, ...(projectLinks().home ? { informationUri: projectLinks().home } : {}), rules: rules.map(sarifRule) } },
        ...(report.placed ? { originalUriBaseIds: { [SRCROOT]: { uri: folderUri(report.cwd) } } } : {}),
        invocations: [
          {
            executionSuccessful: report.inputErrors.length === 0,
            toolExecutionNotifications: report.inputErrors.map((message) => ({ level: 'error', message: { text: message } })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** One rule per id, at the highest severity any package gives it. */
function rulesOf(scans: readonly ImageScan[]): SarifRule[] {
  const byId = new Map<string, SarifRule>();
  const add = (rule: SarifRule): void => {
    const seen = byId.get(rule.id);
    if (!seen) byId.set(rule.id, rule);
    else if (compareSeverity(rule.severity, seen.severity) < 0) seen.severity = rule.severity;
  };
  for (const scan of scans) {
    for (const v of scan.vulnerabilities) add({ id: v.id, severity: v.severity, title: v.title, url: v.url, kind: 'vulnerability' });
    for (const f of scan.findings) add({ id: f.ruleId, severity: f.severity, title: f.message, url: null, kind: 'finding' });
  }
  return [...byId.values()];
}

function sarifRule(rule: SarifRule): Record<string, unknown> {
  const securitySeverity = SECURITY_SEVERITY[rule.severity];
  return {
    id: rule.id,
    shortDescription: { text: rule.title || rule.id },
    ...(rule.url ? { helpUri: rule.url } : {}),
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { tags: ['security', rule.kind, rule.severity], ...(securitySeverity ? { 'security-severity': securitySeverity } : {}) },
  };
}

function vulnerabilityResult(v: Vulnerability, placed: PlacedScan, ruleIndex: number | undefined, cwd: string): Record<string, unknown> {
  const fix = v.fixedVersion ? `fixed in ${v.fixedVersion}` : 'no fixed version yet';
  const image = placed.scan.image || 'the image';
  return {
    ruleId: v.id,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVELS[v.severity],
    message: { text: `${v.package} ${v.installedVersion} in ${image} has ${v.id} (${v.severity}; ${fix})${v.title ? `: ${v.title}` : ''}` },
    ...locationsOf(placed.locations, cwd),
    properties: { image: placed.scan.image, engine: placed.scan.engine, package: v.package, installedVersion: v.installedVersion, fixedVersion: v.fixedVersion },
  };
}

function findingResult(f: ScanFinding, placed: PlacedScan, ruleIndex: number | undefined, cwd: string): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVELS[f.severity],
    message: { text: `${f.message} (in ${placed.scan.image || 'the image'}${f.path ? `, ${f.path}` : ''})` },
    ...locationsOf(placed.locations, cwd),
    properties: { image: placed.scan.image, engine: placed.scan.engine, path: f.path },
  };
}

function locationsOf(locations: readonly ScanLocation[], cwd: string): Record<string, unknown> {
  if (locations.length === 0) return {};
  return { locations: locations.map((l) => ({ physicalLocation: { artifactLocation: artifactLocationOf(l.file, cwd), region: regionOf(l.range) } })) };
}

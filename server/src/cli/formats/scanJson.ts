import type { ImageScan } from '../../scan/model';
import type { PlacedScan, ScanReport } from '../scanReport';

/**
 * `scan --format json`: `{"version": 1, "scans": [...]}` exactly as DESIGN.md lays it out, every
 * object rebuilt in the contract's key order. With `--dockerfile`, each scan also carries
 * `locations`: the `FROM` lines (file and 0-based range) that brought its image in.
 */
export function formatScanJson(report: ScanReport): string {
  return `${JSON.stringify({ version: 1, scans: report.scans.map((s) => jsonScan(s, report.placed)) })}\n`;
}

function jsonScan({ scan, locations }: PlacedScan, placed: boolean): Record<string, unknown> {
  return {
    ...scanFields(scan),
    ...(placed
      ? {
          locations: locations.map((l) => ({
            file: l.file,
            range: { start: { line: l.range.start.line, character: l.range.start.character }, end: { line: l.range.end.line, character: l.range.end.character } },
          })),
        }
      : {}),
  };
}

/** The contract's fields of one scan, in its order. */
export function scanFields(scan: ImageScan): Record<string, unknown> {
  return {
    image: scan.image,
    digest: scan.digest,
    engine: scan.engine,
    os: scan.os ? { family: scan.os.family, version: scan.os.version } : null,
    vulnerabilities: scan.vulnerabilities.map((v) => ({
      id: v.id,
      package: v.package,
      installedVersion: v.installedVersion,
      fixedVersion: v.fixedVersion,
      severity: v.severity,
      title: v.title,
      url: v.url,
    })),
    findings: scan.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, path: f.path })),
    // The built-in engine's package inventory is not a key here: `--format cyclonedx` is its format.
  };
}

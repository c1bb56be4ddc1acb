import { sortScan, type ImageScan } from '../model';
import { parseCycloneDxReport } from './cyclonedxReport';
import { parseGrypeReport } from './grypeReport';
import { isObject } from './jsonValues';
import { ReportError } from './reportError';
import { parseSarifReport } from './sarifReport';
import { parseTrivyReport } from './trivyReport';

export { ReportError } from './reportError';

/** The report formats `seaworthy scan --report` reads (`--report-format`). */
export type ReportFormat = 'trivy' | 'grype' | 'sarif' | 'cyclonedx';
export const REPORT_FORMATS: readonly ReportFormat[] = ['trivy', 'grype', 'sarif', 'cyclonedx'];

/**
 * Which format a parsed report is, from the marks each writer leaves: Trivy's legacy bare array
 * or `SchemaVersion`, Grype's `matches`, SARIF's `version` + `runs`, CycloneDX's `bomFormat`.
 */
export function detectReportFormat(json: unknown): ReportFormat | null {
  if (Array.isArray(json)) return json.every((r) => isObject(r) && 'Target' in r) ? 'trivy' : null;
  if (!isObject(json)) return null;
  if (json.bomFormat === 'CycloneDX') return 'cyclonedx';
  if (Array.isArray(json.runs) && typeof json.version === 'string') return 'sarif';
  if (Array.isArray(json.matches)) return 'grype';
  if ('SchemaVersion' in json || 'Results' in json || 'ArtifactName' in json) return 'trivy';
  return null;
}

/**
 * Parses a scanner's report into image scans (one, or one per SARIF run), most severe first.
 * Throws a ReportError that says what is wrong: not JSON, not a known format, or not the
 * format named.
 */
export function parseReport(text: string, format?: ReportFormat): ImageScan[] {
  if (text.trim() === '') throw new ReportError('the report is empty');
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ReportError(`not JSON (${(e as Error).message})`);
  }
  const detected = detectReportFormat(json);
  const chosen = format ?? detected;
  if (!chosen) throw new ReportError('not a report Seaworthy reads: expected Trivy JSON, Grype JSON, SARIF or CycloneDX');
  if (format && detected && detected !== format) throw new ReportError(`this looks like a ${detected} report, not ${format}`);
  switch (chosen) {
    case 'trivy':
      return [sortScan(parseTrivyReport(json))];
    case 'grype':
      return [sortScan(parseGrypeReport(json))];
    case 'sarif':
      return parseSarifReport(json).map(sortScan);
    case 'cyclonedx':
      return [sortScan(parseCycloneDxReport(json))];
  }
}

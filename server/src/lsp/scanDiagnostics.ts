import { DiagnosticSeverity, type Diagnostic } from './languageServer';
import type { ImageMention } from '../scan/imageMentions';
import { compareSeverity, countsSummary, SCAN_ENGINE_NAMES, vulnerabilitySummary, type ImageScan, type ScanSeverity } from '../scan/model';
import { DIAGNOSTIC_SOURCE, SCAN_DIAGNOSTIC_CODE } from './protocol';

const SEVERITY: Record<ScanSeverity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  unknown: DiagnosticSeverity.Hint,
  info: DiagnosticSeverity.Hint,
};

/** `Diagnostic.data` of a scan summary: which scan it shows. */
export interface ScanDiagnosticData {
  ruleId: typeof SCAN_DIAGNOSTIC_CODE;
  image: string;
  engine: ImageScan['engine'];
}

/**
 * The summary a scan puts on a line that names its image: counts by severity and the engine,
 * the most severe vulnerability and its fix; as severe as the worst it found (an image without
 * vulnerabilities gets a hint saying so, so the user sees the scan happened).
 */
export function scanDiagnostic(mention: ImageMention, scan: ImageScan): Diagnostic {
  const items = [...scan.vulnerabilities, ...scan.findings];
  const worst = items.reduce<ScanSeverity | null>((w, i) => (w === null || compareSeverity(i.severity, w) < 0 ? i.severity : w), null);
  const top = scan.vulnerabilities[0];
  const fixable = scan.vulnerabilities.filter((v) => v.fixedVersion !== null).length;
  const parts = [`${mention.image}: ${vulnerabilitySummary(scan)} (${SCAN_ENGINE_NAMES[scan.engine]} scan)`];
  if (scan.vulnerabilities.length > 0) parts.push(`${fixable} of ${scan.vulnerabilities.length} have a fixed version`);
  if (top) parts.push(`most severe: ${top.id} in ${top.package} ${top.installedVersion}${top.fixedVersion ? ` (fixed in ${top.fixedVersion})` : ''}`);
  if (scan.findings.length > 0) parts.push(`${scan.findings.length} other finding${scan.findings.length === 1 ? '' : 's'} (${countsSummary(scan.findings, 'findings')})`);
  const data: ScanDiagnosticData = { ruleId: SCAN_DIAGNOSTIC_CODE, image: scan.image, engine: scan.engine };
  return {
    range: mention.range,
    severity: worst ? SEVERITY[worst] : DiagnosticSeverity.Hint,
    source: DIAGNOSTIC_SOURCE,
    code: SCAN_DIAGNOSTIC_CODE,
    ...(top?.url ? { codeDescription: { href: top.url } } : {}),
    message: `${parts.join('; ')}.`,
    data,
  };
}

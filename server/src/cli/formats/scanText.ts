import { countsSummary, severityCounts, vulnerabilitiesNotChecked, vulnerabilitySummary, type ImageScan, type ScanSeverity } from '../../scan/model';
import type { PlacedScan, ScanReport } from '../scanReport';
import type { Palette } from './colors';

/**
 * `scan --format text`: per image a headline (engine, OS, digest, counts), the lines that brought
 * it in (`file:line:col`, 1-based), then one line per vulnerability, most severe first:
 * `severity  id  package installed → fixed  title`; then its findings; then a summary.
 */
export function formatScanText(report: ScanReport, p: Palette): string {
  const blocks = report.scans.map((s) => formatScan(s, p));
  return `${blocks.join('\n\n')}\n\n${summary(report, p)}`;
}

function formatScan({ scan, locations }: PlacedScan, p: Palette): string {
  const lines = [headline(scan, p)];
  for (const l of locations) lines.push(`  ${p.underline(`${l.file}:${l.range.start.line + 1}:${l.range.start.character + 1}`)}`);
  const width = Math.max(0, ...scan.vulnerabilities.map((v) => v.id.length), ...scan.findings.map((f) => f.ruleId.length));
  for (const v of scan.vulnerabilities) {
    const versions = `${v.installedVersion} → ${v.fixedVersion ?? p.dim('no fix')}`;
    lines.push(`  ${severityWord(v.severity, p)}  ${v.id.padEnd(width)}  ${v.package} ${versions}${v.title ? `  ${p.dim(v.title)}` : ''}`);
  }
  for (const f of scan.findings) lines.push(`  ${severityWord(f.severity, p)}  ${f.ruleId.padEnd(width)}  ${f.message}${f.path ? `  ${p.dim(f.path)}` : ''}`);
  return lines.join('\n');
}

function headline(scan: ImageScan, p: Palette): string {
  const facts = [scan.engine, ...(scan.os ? [`${scan.os.family} ${scan.os.version}`.trim()] : []), ...(scan.digest ? [scan.digest.slice(0, 19)] : [])];
  const findings = scan.findings.length > 0 ? `; ${countsSummary(scan.findings, 'findings')} finding${scan.findings.length === 1 ? '' : 's'}` : '';
  return `${p.bold(scan.image || '(image not named in the report)')} (${facts.join(', ')}): ${vulnerabilitySummary(scan)}${findings}`;
}

const WIDTH = 'critical'.length;

function severityWord(severity: ScanSeverity, p: Palette): string {
  const word = severity.padEnd(WIDTH);
  if (severity === 'critical' || severity === 'high') return p.red(word);
  if (severity === 'medium') return p.yellow(word);
  return severity === 'low' ? p.blue(word) : p.dim(word);
}

function summary(report: ScanReport, p: Palette): string {
  const all = report.scans.flatMap(({ scan }) => scan.vulnerabilities);
  const images = `${report.scans.length} image${report.scans.length === 1 ? '' : 's'}`;
  const unchecked = report.scans.filter(({ scan }) => vulnerabilitiesNotChecked(scan) !== null).length;
  if (all.length === 0 && unchecked === report.scans.length) {
    return `${p.yellow('Vulnerabilities not checked')} (${images}): the built-in scanner had no OSV database; give one with --osv-db PATH (README: "Vulnerabilities with the built-in scanner"), or scan with --engine trivy or grype.\n`;
  }
  const notChecked = unchecked > 0 ? ` ${unchecked} of them not checked for vulnerabilities (built-in scanner).` : '';
  if (all.length === 0) return `${p.green('No vulnerabilities found')} (${images}).${notChecked}\n`;
  const counts = severityCounts(all);
  const colour = counts.critical + counts.high > 0 ? p.red : p.yellow;
  return `${colour(p.bold(`${all.length} vulnerabilit${all.length === 1 ? 'y' : 'ies'} (${countsSummary(all)})`))} in ${images}.${notChecked}\n`;
}

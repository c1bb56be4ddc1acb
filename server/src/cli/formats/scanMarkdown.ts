import { countsSummary, vulnerabilitySummary, type ScanSeverity } from '../../scan/model';
import type { PlacedScan, ScanReport } from '../scanReport';

/**
 * A scan report in Markdown, for pasting into an issue or a pull request: per image a heading,
 * where the image comes in, and a table of vulnerabilities. Every string from a scanner is
 * untrusted: Markdown and HTML syntax in it is escaped, and only http(s) links are made links.
 */
export function formatScanMarkdown(report: ScanReport): string {
  const parts = ['# Image scan report', ''];
  for (const placed of report.scans) parts.push(...imageSection(placed), '');
  if (report.scans.length === 0) parts.push('No image was scanned.', '');
  return `${parts.join('\n').replace(/\n+$/, '')}\n`;
}

function imageSection({ scan, locations }: PlacedScan): string[] {
  const lines = [`## ${escape(scan.image || '(image not named in the report)')}`, ''];
  const facts = [`engine: ${scan.engine}`, ...(scan.os ? [`OS: ${escape(`${scan.os.family} ${scan.os.version}`.trim())}`] : []), ...(scan.digest ? [`digest: \`${scan.digest}\``] : [])];
  lines.push(`${facts.join(' · ')}  `, `**${vulnerabilitySummary(scan)}**`, '');
  for (const l of locations) lines.push(`- named at \`${l.file.replace(/`/g, '')}:${l.range.start.line + 1}\``);
  if (locations.length > 0) lines.push('');
  if (scan.vulnerabilities.length > 0) {
    lines.push('| Severity | Vulnerability | Package | Installed | Fixed in | Title |', '| --- | --- | --- | --- | --- | --- |');
    for (const v of scan.vulnerabilities) {
      const id = v.url && /^https?:\/\//i.test(v.url) ? `[${escape(v.id)}](${v.url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})` : escape(v.id);
      lines.push(`| ${SEVERITY_WORDS[v.severity]} | ${id} | ${escape(v.package)} | ${escape(v.installedVersion)} | ${v.fixedVersion ? escape(v.fixedVersion) : '—'} | ${escape(v.title)} |`);
    }
    lines.push('');
  }
  if (scan.findings.length > 0) {
    lines.push('| Severity | Finding | Message | Path |', '| --- | --- | --- | --- |');
    for (const f of scan.findings) lines.push(`| ${SEVERITY_WORDS[f.severity]} | ${escape(f.ruleId)} | ${escape(f.message)} | ${f.path ? escape(f.path) : '—'} |`);
    lines.push('');
  }
  return lines;
}

const SEVERITY_WORDS: Record<ScanSeverity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', unknown: 'Unknown', info: 'Info' };

/** Backslash-escapes Markdown punctuation and table pipes, turns `<` and `>` into entities, joins lines. */
function escape(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

import type { Severity } from '../../engine';
import type { CheckReport, FileFinding } from '../checkReport';
import type { Palette } from './colors';

/**
 * `check --format text`: one line per finding, `file:line:col  severity  message  [rule-id]`
 * with 1-based positions (what editors and terminals jump to), grouped per file, then a summary.
 */
export function formatText(report: CheckReport, p: Palette): string {
  const groups = new Map<string, FileFinding[]>();
  for (const f of report.findings) {
    const list = groups.get(f.file);
    if (list) list.push(f);
    else groups.set(f.file, [f]);
  }
  const blocks: string[] = [];
  for (const [file, findings] of groups) blocks.push(formatGroup(file, findings, p));
  const summary = summaryLines(report, groups.size, p);
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n\n${summary}` : summary;
}

function formatGroup(file: string, findings: readonly FileFinding[], p: Palette): string {
  const locations = findings.map((f) => `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}`);
  const locationWidth = Math.max(...locations.map((l) => l.length));
  const severityWidth = Math.max(...findings.map((f) => f.severity.length));
  return findings
    .map((f, i) => {
      const location = p.underline(locations[i] ?? '') + ' '.repeat(locationWidth - (locations[i] ?? '').length);
      const severity = colourOf(f.severity, p)(f.severity.padEnd(severityWidth));
      const fixable = f.fix ? ` ${p.green('(fixable)')}` : '';
      return `${location}  ${severity}  ${f.message}  ${p.dim(`[${f.ruleId}]`)}${fixable}`;
    })
    .join('\n');
}

function colourOf(severity: Severity, p: Palette): (s: string) => string {
  switch (severity) {
    case 'error':
      return p.red;
    case 'warning':
      return p.yellow;
    case 'info':
      return p.blue;
    case 'hint':
      return p.dim;
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summaryLines(report: CheckReport, filesWithFindings: number, p: Palette): string {
  const checked = `${plural(report.filesChecked, 'file')} checked`;
  const count = (s: Severity): number => report.findings.filter((f) => f.severity === s).length;
  const total = report.findings.length;
  if (total === 0) return `${p.green('No problems found')} (${checked}).\n`;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  if (count('info') > 0) parts.push(`${count('info')} info`);
  if (count('hint') > 0) parts.push(plural(count('hint'), 'hint'));
  const headline = `${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(filesWithFindings, 'file')}`;
  const lines = [`${(count('error') > 0 ? p.red : p.yellow)(p.bold(headline))} (${checked}).`];
  const fixable = report.findings.filter((f) => f.fix).length;
  if (fixable > 0 && !report.fixed) lines.push(`${plural(fixable, 'problem')} fixable with \`seaworthy check --fix\`.`);
  return `${lines.join('\n')}\n`;
}

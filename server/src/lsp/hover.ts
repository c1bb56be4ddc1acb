import { MarkupKind, type Hover, type Position } from './languageServer';
import type { BaseImageInfo, Finding, Severity } from '../engine';
import { rangeContains } from '../engine/types';
import type { Analysis } from './analysis';
import { ruleHoverMarkdown } from './ruleDocs';

/**
 * Over a finding: what the rule is, why it matters, where else it is known, and its docs. Over a
 * FROM image the catalogue knows: its variant, user, shell, size, support dates and smaller
 * alternatives, with the source of the facts.
 */
export function hoverAt(analysis: Analysis, position: Position, image: BaseImageInfo | null, configLabel: (filePath: string) => string = (p) => p): Hover | null {
  const here = analysis.findings.filter((f) => rangeContains(f.range, position));
  const ids = [...new Set(here.map((f) => f.ruleId))];
  const refused = refusedSwapsMarkdown(here);
  const rules = ids.map((id) => {
    const text = ruleHoverMarkdown(id);
    const severity = here.find((f) => f.ruleId === id)?.severity;
    return text && severity ? `${text}\n\n${levelMarkdown(id, severity, analysis, configLabel)}` : text;
  });
  const sections = [...(image ? [imageMarkdown(image)] : []), ...(refused ? [refused] : []), ...rules.filter((s): s is string => s !== null)];
  if (sections.length === 0) return null;
  const range = image?.range ?? here[0]?.range;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

/**
 * Which source set the rule's level: the user's settings, the team's `.seaworthy.yaml` (named by
 * `configLabel`, workspace-relative as in the config's note), or the rule itself.
 */
export function levelMarkdown(id: string, severity: Severity, analysis: Analysis, configLabel: (filePath: string) => string = (p) => p): string {
  const levels = analysis.levels;
  const file = analysis.configFile;
  const source =
    levels?.settings[id] !== undefined
      ? 'your settings (`seaworthy.rules`)'
      : levels?.config[id] !== undefined && file
        ? `the team policy in ${escapeMarkdown(configLabel(file.path))}`
        : "the rule's default level";
  const overruled = levels?.overruled[id];
  const note = overruled !== undefined ? ` Your setting \`${overruled}\` is not applied: \`.seaworthy.yaml\` sets this rule, and settings may only raise it.` : '';
  return `Level: **${severity}**, set by ${source}.${note}`;
}

/**
 * The alternatives a finding offers but cannot apply here, with the reason. Editors that hide
 * disabled code actions (VS Code's quick-fix menu does) still tell the user why here.
 */
function refusedSwapsMarkdown(findings: readonly Finding[]): string | null {
  const lines = new Set<string>();
  for (const f of findings) for (const s of f.suggestions ?? []) if (s.disabledReason) lines.add(`- ${escapeMarkdown(s.title.split(' — ')[0] ?? s.title)}: ${escapeMarkdown(s.disabledReason)}`);
  return lines.size > 0 ? ['Not offered for this file:', '', ...lines].join('\n') : null;
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** Markdown from catalogue data: escaped, since tags come from the user's file. */
export function imageMarkdown(info: BaseImageInfo): string {
  const cell = escapeMarkdown;
  const rows: [string, string][] = [
    ['Variant', `${cell(info.variant)} (${cell(info.os)}, ${info.libc === 'none' ? 'no libc' : info.libc})`],
    ['Runs as', `${cell(info.user)}${info.nonRootUser ? `; ships ${cell(info.nonRootUser)}` : ''}`],
    ['Shell', `${info.shell ? 'yes' : 'no'}${info.packageManager ? `, ${info.packageManager}` : ', no package manager'}${info.toolchain ? ', compiler toolchain' : ''}`],
  ];
  if (info.sizeMB !== null) rows.push(['Size', `~${info.sizeMB >= 1000 ? `${(info.sizeMB / 1000).toFixed(1)} GB` : `${info.sizeMB} MB`} (uncompressed, linux/amd64)`]);
  for (const line of info.support) rows.push(['Support', cell(line)]);
  if (info.deprecated) rows.push(['Deprecated', cell(info.deprecated)]);
  const lines = [`**${cell(info.image)}**: ${cell(info.family)}`, '', '| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
  if (info.alternatives.length > 0) lines.push('', 'Smaller or shell-less:', '', ...info.alternatives.map((a) => `- ${cell(a)}`));
  lines.push('', `*Source: ${cell(info.source)}, checked ${info.checked}.*`);
  return lines.join('\n');
}

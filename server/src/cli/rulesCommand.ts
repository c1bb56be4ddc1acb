import type { RulesFormat } from './args';
import { refsSummary, ruleCatalogue, type CatalogueEntry } from './catalogue';
import { projectLinks } from './projectLinks';

/** `seaworthy rules`: the catalogue as an aligned table, JSON or a Markdown table. */
export function formatRules(format: RulesFormat): string {
  const entries = ruleCatalogue();
  switch (format) {
    case 'json':
      return `${JSON.stringify({ version: 1, rules: entries.map(jsonEntry) }, null, 2)}\n`;
    case 'markdown':
      return markdownTable(entries);
    case 'text':
      return textTable(entries);
  }
}

function jsonEntry(e: CatalogueEntry): Record<string, unknown> {
  return {
    id: e.id,
    title: e.title,
    severity: e.severity,
    appliesTo: e.appliesTo,
    category: e.category,
    profile: e.profile,
    fixable: e.fixable,
    refs: e.refs,
    ...(e.helpUri ? { helpUri: e.helpUri } : {}),
  };
}

const COLUMNS = ['id', 'severity', 'applies to', 'category', 'profile', 'fixable', 'title', 'refs'] as const;

function cellsOf(e: CatalogueEntry): string[] {
  return [e.id, e.severity, e.appliesTo, e.category, e.profile, e.fixable ? 'yes' : 'no', e.title, refsSummary(e.refs)];
}

function textTable(entries: readonly CatalogueEntry[]): string {
  const rows = [COLUMNS.map((c) => c.toUpperCase()), ...entries.map(cellsOf)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n\n${entries.length} rules. Details: seaworthy rules --format markdown${projectLinks().rules ? `, or ${projectLinks().rules}` : ''}\n`;
}

function markdownTable(entries: readonly CatalogueEntry[]): string {
  const escape = (s: string): string => s.replace(/\|/g, '\\|');
  const header = `| ${COLUMNS.join(' | ')} |\n| ${COLUMNS.map(() => '---').join(' | ')} |`;
  const rows = entries.map((e) => {
    const cells = cellsOf(e);
    cells[0] = e.helpUri ? `[\`${e.id}\`](${e.helpUri})` : `\`${e.id}\``;
    return `| ${cells.map((c, i) => (i === 0 ? c : escape(c))).join(' | ')} |`;
  });
  return `# Seaworthy rules\n\n${header}\n${rows.join('\n')}\n`;
}

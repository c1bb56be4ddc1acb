import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { rangeContains } from '../engine/types';
import type { Analysis } from './analysis';
import { ruleHoverMarkdown } from './ruleDocs';

/** Over a finding: what the rule is, why it matters, where else it is known, and its docs. */
export function hoverAt(analysis: Analysis, position: Position): Hover | null {
  const here = analysis.findings.filter((f) => rangeContains(f.range, position));
  const first = here[0];
  if (!first) return null;
  const ids = [...new Set(here.map((f) => f.ruleId))];
  const sections = ids.map(ruleHoverMarkdown).filter((s): s is string => s !== null);
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: first.range };
}

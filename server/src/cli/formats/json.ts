import { normaliseRefs, type Range, type Refs, type TextEdit } from '../../engine';
import type { CheckReport, FileFinding } from '../checkReport';

/**
 * `check --format json`: one object, `{"version": 1, "findings": [...]}`. Key order, the nine
 * `refs` keys and the omitted `fix` are part of the contract in DESIGN.md, so every object is
 * rebuilt here rather than serialised as the engine happens to shape it.
 */
export function formatJson(report: CheckReport): string {
  return `${JSON.stringify({ version: 1, findings: report.findings.map(jsonFinding) })}\n`;
}

function jsonFinding(f: FileFinding): Record<string, unknown> {
  return {
    file: f.file,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    range: jsonRange(f.range),
    refs: jsonRefs(f.refs),
    ...(f.fix ? { fix: { title: f.fix.title, edits: f.fix.edits.map(jsonEdit) } } : {}),
  };
}

function jsonRange(r: Range): Range {
  return {
    start: { line: r.start.line, character: r.start.character },
    end: { line: r.end.line, character: r.end.character },
  };
}

function jsonEdit(e: TextEdit): TextEdit {
  return { range: jsonRange(e.range), newText: e.newText };
}

function jsonRefs(refs: Partial<Refs>): Refs {
  const all = normaliseRefs(refs);
  return { ...all, pss: all.pss.map((p) => ({ level: p.level, control: p.control })) };
}

import { CodeActionKind, type CodeAction, type Range, type WorkspaceEdit } from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../engine';
import type { Analysis } from './analysis';
import { engine } from './engine';

/**
 * "Harden this workload" on the Kubernetes object under the cursor: the restricted profile in one
 * edit, and the same with a read-only root filesystem. Offered as refactorings, never in fix-all:
 * they change how the workload runs, so the user picks them.
 */
export function hardenActions(document: TextDocument, analysis: Analysis, range: Range, edit: (edits: TextEdit[]) => WorkspaceEdit): CodeAction[] {
  // A privileged container without a privileged-container finding was kept so on purpose (ignored, or the rule is off).
  const flagged = new Set(analysis.findings.filter((f) => f.ruleId === 'privileged-container').map((f) => f.range.start.line));
  const actions = engine().hardenWorkloadActions({
    text: document.getText(),
    position: range.start,
    podTemplatePaths: analysis.podTemplatePaths ?? [],
    keepsPrivileged: (line) => !flagged.has(line),
  });
  return actions.map((a) => ({ title: a.title, kind: CodeActionKind.RefactorRewrite, edit: edit(a.edits) }));
}

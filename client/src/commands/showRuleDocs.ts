import * as vscode from 'vscode';
import { ruleCatalog, type RuleEntry } from '../ruleCatalog';
import { rulePageUri } from '../rulePages';

/**
 * Opens a rule's page (`docs/rules/<id>.md`, shipped in the extension, served read-only by
 * `RulePages`) in the Markdown preview, offline. The rule is the argument (an id, or `{ruleId}`), else the
 * Seaworthy diagnostic under the cursor, else the one picked from every rule.
 */
export async function showRuleDocs(context: vscode.ExtensionContext, arg?: unknown): Promise<void> {
  const rules = ruleCatalog(context.extension.packageJSON);
  const id = ruleIdOf(arg) ?? (await pick(rules, idsUnderCursor()));
  if (!id) return;
  const file = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
  try {
    await vscode.workspace.fs.stat(file);
  } catch {
    void vscode.window.showErrorMessage(`Seaworthy: there is no rule "${id}".`);
    return;
  }
  // The read-only page (RulePages), rendered; the Problems panel's rule link comes here too.
  const page = rulePageUri(id);
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
  } catch {
    // Without the built-in Markdown extension the page is still readable, as read-only text.
    await vscode.window.showTextDocument(page, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
}

function ruleIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg !== '') return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { ruleId?: unknown }).ruleId === 'string') return (arg as { ruleId: string }).ruleId;
  return undefined;
}

/** Rule ids of the Seaworthy diagnostics at the cursor of the active editor, in order. */
function idsUnderCursor(): string[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const at = editor.selection.active;
  const ids = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'seaworthy' && d.range.contains(at))
    .map((d) => (typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? '' : String(d.code)))
    .filter((id) => id !== '');
  return [...new Set(ids)];
}

async function pick(rules: RuleEntry[], atCursor: string[]): Promise<string | undefined> {
  if (atCursor.length === 1) return atCursor[0];
  const titles = new Map(rules.map((r) => [r.id, r.title]));
  const candidates = atCursor.length > 1 ? atCursor.map((id) => ({ id, title: titles.get(id) ?? '' })) : rules;
  const picked = await vscode.window.showQuickPick(
    candidates.map((r) => ({ label: r.id, description: r.title })),
    { title: 'Seaworthy: Show Rule Documentation', placeHolder: atCursor.length > 1 ? 'Rules reported at the cursor' : 'Rule', matchOnDescription: true },
  );
  return picked?.label;
}

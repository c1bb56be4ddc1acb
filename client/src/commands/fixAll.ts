import * as vscode from 'vscode';
import { isChecked } from '../languages';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('seaworthy');

/**
 * Applies the server's `source.fixAll.seaworthy` action to the active editor: the same edits as
 * the quick fixes and `seaworthy check --fix`. Says so when there is nothing to fix.
 */
export async function fixAllInActiveEditor(serverRunning: () => boolean): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isChecked(editor.document)) {
    void vscode.window.showInformationMessage('Seaworthy: open a Dockerfile, Kubernetes manifest or Compose file to fix it.');
    return;
  }
  if (!serverRunning()) {
    void vscode.window.showWarningMessage('Seaworthy: the language server is not running (see Seaworthy: Show Output).');
    return;
  }
  const document = editor.document;
  const version = document.version;
  const whole = document.validateRange(new vscode.Range(0, 0, document.lineCount, 0));
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND.value, 1)) ?? [];
  const action = actions.find((a): a is vscode.CodeAction => a instanceof vscode.CodeAction && a.kind !== undefined && FIX_ALL_KIND.contains(a.kind));
  const edits = action?.edit ? action.edit.entries().reduce((n, [, list]) => n + list.length, 0) : 0;
  if (!action || (edits === 0 && !action.command)) {
    void vscode.window.showInformationMessage(`Seaworthy: nothing to fix in ${fileLabel(document)}.`);
    return;
  }
  if (document.version !== version) {
    void vscode.window.showWarningMessage('Seaworthy: the file changed while the fixes were computed; run Fix All again.');
    return;
  }
  if (action.edit && edits > 0 && !(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showErrorMessage(`Seaworthy: could not apply the fixes to ${fileLabel(document)}.`);
    return;
  }
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  void vscode.window.setStatusBarMessage(`Seaworthy: applied ${edits} ${edits === 1 ? 'edit' : 'edits'} to ${fileLabel(document)}`, 5000);
}

function fileLabel(document: vscode.TextDocument): string {
  return document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri);
}

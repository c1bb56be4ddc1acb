import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from '../editorProtocol';

let runs = 0;

/**
 * "Seaworthy: Check Workspace": the server lints every Dockerfile, manifest and Compose file of
 * the workspace and fills the Problems panel for the closed ones, with progress and Cancel; it
 * then keeps them current. `quiet` (on startup) shows progress in the status bar and says
 * nothing when done.
 */
export async function checkWorkspace(client: LanguageClient, quiet = false): Promise<CheckWorkspaceResult | undefined> {
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage('Seaworthy: the language server is not running (see Seaworthy: Show Output).');
    return undefined;
  }
  if (!vscode.workspace.workspaceFolders?.length) {
    if (!quiet) void vscode.window.showInformationMessage('Seaworthy: open a folder to check its files.');
    return undefined;
  }
  const workDoneToken = `seaworthy-check-workspace-${++runs}`;
  const location = quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
  return vscode.window.withProgress({ location, title: 'Seaworthy: checking the workspace', cancellable: true }, async (progress, token) => {
    const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === 'report' && value.message) progress.report({ message: value.message });
    });
    try {
      const result = await client.sendRequest(CheckWorkspaceRequest, { workDoneToken }, token);
      if (!quiet) void vscode.window.showInformationMessage(summary(result));
      return result;
    } catch (error) {
      if (token.isCancellationRequested) {
        void vscode.window.showInformationMessage('Seaworthy: the workspace check was cancelled; the files checked so far keep their findings.');
        return undefined;
      }
      void vscode.window.showErrorMessage(`Seaworthy could not check the workspace: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      listener.dispose();
    }
  });
}

function summary(r: CheckWorkspaceResult): string {
  const files = `${r.files} ${r.files === 1 ? 'file' : 'files'}`;
  const findings = r.findings === 0 ? 'no findings in closed files' : `${r.findings} ${r.findings === 1 ? 'finding' : 'findings'} in ${r.filesWithFindings} closed ${r.filesWithFindings === 1 ? 'file' : 'files'} (see Problems)`;
  const cancelled = r.cancelled ? ' (cancelled part-way)' : '';
  return `Seaworthy checked the workspace: ${files}, ${findings}${cancelled}.`;
}

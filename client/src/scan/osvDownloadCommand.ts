import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { DownloadOsvDatabaseRequest } from './scanProtocol';

let downloads = 0;

/**
 * "Seaworthy: Download Vulnerability Database": the server downloads osv.dev's exports into the
 * extension's storage (the `SEAWORTHY_OSV_DIR` its environment names, see serverClient.ts) with
 * progress in a cancellable notification; scans use that database unless
 * `seaworthy.scan.osvDatabase` names another. Returns the server's answer (tests use it).
 */
export function registerOsvDownloadCommand(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('seaworthy.downloadOsvDatabase', () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Seaworthy: downloading the vulnerability database', cancellable: true }, async (progress, token) => {
      const workDoneToken = `seaworthy-osv-${++downloads}`;
      let done = 0;
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const increment = value.percentage !== undefined ? value.percentage - done : undefined;
        if (value.percentage !== undefined) done = value.percentage;
        progress.report({ ...(value.message ? { message: value.message } : {}), ...(increment ? { increment } : {}) });
      });
      try {
        const result = await client.sendRequest(DownloadOsvDatabaseRequest, { workDoneToken }, token);
        const records = result.exports.reduce((sum, e) => sum + e.records, 0);
        output.info(`OSV database downloaded into ${result.folder}: ${result.exports.map((e) => `${e.ecosystem} ${e.records} records`).join(', ')}`);
        const configured = vscode.workspace.getConfiguration('seaworthy.scan').get<string>('osvDatabase', '').trim() !== '';
        void vscode.window.showInformationMessage(
          `Seaworthy: ${records} vulnerability records (${result.exports.map((e) => e.ecosystem).join(', ')}) downloaded into ${result.folder}. ` +
            (configured ? 'Scans still use the database seaworthy.scan.osvDatabase names; clear that setting to use this one.' : 'Built-in scans use it from now on.'),
        );
        return result;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        output.error(`OSV database download failed: ${reason}`);
        if (token.isCancellationRequested) void vscode.window.showInformationMessage('Seaworthy: the download was cancelled; the previous vulnerability database is kept.');
        else void vscode.window.showErrorMessage(`Seaworthy: downloading the vulnerability database failed: ${reason}`);
        return undefined;
      } finally {
        listener.dispose();
      }
    }),
  );
}

import * as path from 'path';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { isChecked } from '../languages';
import { pickImage, type ImageChoice } from './scanImagePick';
import { ClearScanResultsRequest, ExportScanReportRequest, ScanImagesRequest, type ScanImagesParams, type ScanImagesResult, type Vulnerability } from './scanProtocol';
import type { ScanStore } from './scanStore';
import { SCAN_VIEW_ID } from './scanView';

const EXPORT_FORMATS = [
  { label: 'SARIF', format: 'sarif', extension: 'sarif', description: 'for code scanning: results located on the lines that name each image' },
  { label: 'JSON', format: 'json', extension: 'json', description: 'the `seaworthy scan --format json` model' },
  { label: 'Markdown', format: 'markdown', extension: 'md', description: 'for an issue or a pull request' },
] as const;

let scans = 0;

/** The scan commands. Each returns what it did, so tests (and other extensions) can use it. */
export function registerScanCommands(client: LanguageClient, store: ScanStore, output: vscode.LogOutputChannel): vscode.Disposable[] {
  const run = (params: ScanImagesParams, images: string[]): Promise<ScanImagesResult | undefined> => runScan(client, store, output, params, images);
  return [
    vscode.commands.registerCommand('seaworthy.scanImage', async (arg?: ImageChoice | string) => {
      const choice = typeof arg === 'string' ? { image: arg } : (arg ?? (await pickImage(client)));
      if (!choice) return undefined;
      return run({ images: [choice.image], ...(choice.uri ? { uri: choice.uri } : {}), refresh: true }, [choice.image]);
    }),
    vscode.commands.registerCommand('seaworthy.scanImagesInFile', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !isChecked(editor.document)) {
        void vscode.window.showInformationMessage('Seaworthy: open a Dockerfile, a Kubernetes manifest or a Compose file to scan the images it names.');
        return undefined;
      }
      return run({ uri: editor.document.uri.toString() }, [path.basename(editor.document.fileName)]);
    }),
    vscode.commands.registerCommand('seaworthy.exportScanReport', (format?: string, target?: vscode.Uri) => exportReport(client, store, format, target)),
    vscode.commands.registerCommand('seaworthy.clearScanResults', async () => {
      await client.sendRequest(ClearScanResultsRequest, {});
      store.clear();
    }),
    vscode.commands.registerCommand('seaworthy.showVulnerability', (v: Vulnerability, image: string) => showVulnerability(v, image)),
  ];
}

/**
 * Asks the server to scan, with a cancellable notification that shows the server's progress
 * messages; cancelling it cancels the request, and the server ends the scanner. Failures are
 * shown with what to do; results go to the store (view, code lens, status bar).
 */
async function runScan(client: LanguageClient, store: ScanStore, output: vscode.LogOutputChannel, params: ScanImagesParams, images: string[]): Promise<ScanImagesResult | undefined> {
  const workDoneToken = `seaworthy-scan-${++scans}`;
  store.started(images);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Seaworthy', cancellable: true }, async (progress, token) => {
    progress.report({ message: `scanning ${images.join(', ')}` });
    const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind !== 'end' && value.message) progress.report({ message: `scanning ${value.message}` });
    });
    try {
      const result = await client.sendRequest(ScanImagesRequest, { ...params, trusted: vscode.workspace.isTrusted, workDoneToken }, token);
      store.finished(result.scans, result.failures.length);
      for (const failure of result.failures) void reportFailure(failure, output);
      if (result.scans.length > 0) void vscode.commands.executeCommand(`${SCAN_VIEW_ID}.focus`);
      return result;
    } catch (error) {
      store.finished([], 0);
      if (token.isCancellationRequested) {
        void vscode.window.showInformationMessage('Seaworthy: the scan was cancelled and the scanner stopped.');
        return undefined;
      }
      const reason = error instanceof Error ? error.message : String(error);
      output.error(`scan failed: ${reason}`);
      void vscode.window.showErrorMessage(`Seaworthy: ${reason}`);
      return undefined;
    } finally {
      listener.dispose();
    }
  });
}

async function reportFailure(failure: { image: string; kind: string; message: string }, output: vscode.LogOutputChannel): Promise<void> {
  output.warn(`scan of ${failure.image} failed (${failure.kind}): ${failure.message}`);
  const actions = failure.kind === 'missing-scanner' ? ['Open Settings', 'Show Output'] : ['Show Output'];
  const picked = await vscode.window.showErrorMessage(`Seaworthy: ${failure.message}`, ...actions);
  if (picked === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'seaworthy.scan');
  if (picked === 'Show Output') output.show(true);
}

/** Writes the server's report in the chosen format where the user says; returns where. */
async function exportReport(client: LanguageClient, store: ScanStore, format?: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (store.all().length === 0) {
    void vscode.window.showInformationMessage('Seaworthy: nothing to export yet. Scan an image first.');
    return undefined;
  }
  const chosen = EXPORT_FORMATS.find((f) => f.format === format) ?? (await vscode.window.showQuickPick(EXPORT_FORMATS, { title: 'Seaworthy: Export Scan Report' }));
  if (!chosen) return undefined;
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  const where =
    target ??
    (await vscode.window.showSaveDialog({
      title: 'Seaworthy: Export Scan Report',
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, `seaworthy-scan.${chosen.extension}`) } : {}),
      filters: { [chosen.label]: [chosen.extension] },
    }));
  if (!where) return undefined;
  const base = folder?.uri.fsPath ?? path.dirname(where.fsPath);
  const { content } = await client.sendRequest(ExportScanReportRequest, { format: chosen.format, folder: base });
  await vscode.workspace.fs.writeFile(where, new TextEncoder().encode(content));
  if (!target) {
    void vscode.window.showInformationMessage(`Seaworthy: saved the scan report to ${vscode.workspace.asRelativePath(where)}.`, 'Open').then((open) => {
      if (open) void vscode.window.showTextDocument(where);
    });
  }
  return where;
}

/** A vulnerability's details in a modal (plain text: advisory text is untrusted) and its link. */
async function showVulnerability(v: Vulnerability, image: string): Promise<void> {
  const detail = [
    `${v.package} ${v.installedVersion} in ${image}`,
    v.fixedVersion ? `Fixed in ${v.fixedVersion}` : 'No fixed version yet',
    `Severity: ${v.severity}`,
    v.title,
  ]
    .filter((l) => l !== '')
    .join('\n');
  const link = v.url && /^https?:\/\//i.test(v.url) ? v.url : null;
  const picked = await vscode.window.showInformationMessage(v.id, { modal: true, detail }, ...(link ? ['Open Advisory'] : []));
  if (picked === 'Open Advisory' && link) await vscode.env.openExternal(vscode.Uri.parse(link));
}

import * as vscode from 'vscode';
import { CloseAction, type ErrorHandler, type LanguageClient } from 'vscode-languageclient/node';
import { checkWorkspace } from './commands/checkWorkspace';
import { fixAllInActiveEditor } from './commands/fixAll';
import { showRuleDocs } from './commands/showRuleDocs';
import { DocumentStatusRequest } from './editorProtocol';
import { DOCUMENT_SELECTOR } from './languages';
import { RULE_PAGE_SCHEME, RulePages } from './rulePages';
import { ScanCodeLensProvider } from './scan/scanCodeLens';
import { registerScanCommands } from './scan/scanCommands';
import { ScanStatusItem } from './scan/scanStatus';
import { ScanStore } from './scan/scanStore';
import { SCAN_VIEW_ID, ScanTreeProvider } from './scan/scanView';
import { createServerClient } from './serverClient';
import { ServerStatusItem, serverStateOf } from './serverStatus';

/**
 * The client stays thin: start the bundled server, show its state, offer the commands, and draw
 * the image scans the server runs (view, code lens, status bar).
 */
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Seaworthy', { log: true });
  // The client is created below; the status asks it about the active document once it runs.
  let languageClientRef: LanguageClient | undefined;
  const status = new ServerStatusItem('seaworthy.showOutput', (uri) => languageClientRef!.sendRequest(DocumentStatusRequest, { uri }));
  context.subscriptions.push(output, status);

  // The client's own handler decides about restarts; this one only remembers when it gives up.
  let defaultHandler: ErrorHandler | undefined;
  const errorHandler: ErrorHandler = {
    error: (error, message, count) => defaultHandler!.error(error, message, count),
    closed: async () => {
      const result = await defaultHandler!.closed();
      if (result.action === CloseAction.DoNotRestart) status.set('error', result.message ?? 'The server stopped and will not be restarted.');
      return result;
    },
  };
  const languageClient = createServerClient(context, output, errorHandler);
  defaultHandler = languageClient.createDefaultErrorHandler();
  client = languageClient;
  languageClientRef = languageClient;

  context.subscriptions.push(
    languageClient.onDidChangeState((e) => {
      const state = serverStateOf(e.newState);
      status.set(state);
      output.info(`language server ${state}`);
    }),
    vscode.commands.registerCommand('seaworthy.fixAll', () => fixAllInActiveEditor(() => languageClient.isRunning())),
    vscode.commands.registerCommand('seaworthy.showRuleDocs', (arg?: unknown) => showRuleDocs(context, arg)),
    vscode.commands.registerCommand('seaworthy.showOutput', () => output.show(true)),
    vscode.workspace.registerTextDocumentContentProvider(RULE_PAGE_SCHEME, new RulePages(context.extensionUri)),
    vscode.commands.registerCommand('seaworthy.checkWorkspace', () => checkWorkspace(languageClient)),
  );

  const scans = new ScanStore();
  const codeLens = new ScanCodeLensProvider(languageClient, scans);
  context.subscriptions.push(
    scans,
    codeLens,
    new ScanStatusItem(scans, SCAN_VIEW_ID),
    vscode.window.registerTreeDataProvider(SCAN_VIEW_ID, new ScanTreeProvider(scans)),
    vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, codeLens),
    ...registerScanCommands(languageClient, scans, output),
  );

  try {
    await languageClient.start();
    if (vscode.workspace.getConfiguration('seaworthy').get<boolean>('checkWorkspaceOnStartup') === true) void checkWorkspace(languageClient, true);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    status.set('error', `The server did not start: ${reason}`);
    output.error(`Seaworthy: the language server did not start: ${reason}`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop(2000);
  client = undefined;
}

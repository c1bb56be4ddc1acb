import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { checkWorkspace } from './commands/checkWorkspace';
import { fixAllInActiveEditor } from './commands/fixAll';
import { showRuleDocs } from './commands/showRuleDocs';
import { DocumentStatusRequest } from './editorProtocol';
import { DOCUMENT_SELECTOR } from './languages';
import { RULE_PAGE_SCHEME, RulePages } from './rulePages';
import { ScanCodeLensProvider } from './scan/scanCodeLens';
import { registerOsvDownloadCommand } from './scan/osvDownloadCommand';
import { registerScanCommands } from './scan/scanCommands';
import { ScanStatusItem } from './scan/scanStatus';
import { ScanStore } from './scan/scanStore';
import { SCAN_VIEW_ID, ScanTreeProvider } from './scan/scanView';
import { createServerClient, ServerRestarts, type ServerExit } from './serverClient';
import { ServerStatusItem, serverStateOf, type ServerState } from './serverStatus';

/**
 * The client stays thin: start the bundled server, show its state, offer the commands, and draw
 * the image scans the server runs (view, code lens, status bar).
 */
let client: LanguageClient | undefined;

/**
 * What the extension returns from `activate` (`vscode.extensions.getExtension(...).exports`):
 * the language server's state as the status bar shows it, and each time the server died, what
 * the user was told. The real-VS-Code tests read it; the extension itself needs none of it.
 */
export interface SeaworthyApi {
  serverState(): ServerState;
  readonly onDidChangeServerState: vscode.Event<ServerState>;
  readonly onDidServerExit: vscode.Event<ServerExit>;
}

export async function activate(context: vscode.ExtensionContext): Promise<SeaworthyApi> {
  const output = vscode.window.createOutputChannel('Seaworthy', { log: true });
  // The client is created below; the status asks it about the active document once it runs.
  let languageClientRef: LanguageClient | undefined;
  const status = new ServerStatusItem('seaworthy.showOutput', (uri) => languageClientRef!.sendRequest(DocumentStatusRequest, { uri }));
  context.subscriptions.push(output, status);

  const stateChanged = new vscode.EventEmitter<ServerState>();
  const serverExited = new vscode.EventEmitter<ServerExit>();
  context.subscriptions.push(stateChanged, serverExited);
  // A server that died is started again, a few times, and the user is told each time.
  const restarts = new ServerRestarts((exit) => {
    if (exit.restarted) {
      output.warn(exit.message);
      void vscode.window.showWarningMessage(exit.message, 'Show Output').then((pick) => pick && output.show(true));
    } else {
      output.error(exit.message);
      status.set('error', exit.message);
      stateChanged.fire('error');
      void vscode.window.showErrorMessage(exit.message, 'Show Output').then((pick) => pick && output.show(true));
    }
    serverExited.fire(exit);
  });
  const languageClient = createServerClient(context, output, restarts);
  client = languageClient;
  languageClientRef = languageClient;

  context.subscriptions.push(
    languageClient.onDidChangeState((e) => {
      const state = serverStateOf(e.newState);
      status.set(state);
      output.info(`language server ${state}`);
      stateChanged.fire(status.current);
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
    registerOsvDownloadCommand(languageClient, output),
  );

  try {
    await languageClient.start();
    if (vscode.workspace.getConfiguration('seaworthy').get<boolean>('checkWorkspaceOnStartup') === true) void checkWorkspace(languageClient, true);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    status.set('error', `The server did not start: ${reason}`);
    output.error(`Seaworthy: the language server did not start: ${reason}`);
  }
  return { serverState: () => status.current, onDidChangeServerState: stateChanged.event, onDidServerExit: serverExited.event };
}

export async function deactivate(): Promise<void> {
  await client?.stop(2000);
  client = undefined;
}

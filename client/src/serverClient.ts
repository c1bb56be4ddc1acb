import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './languages';

export const CLIENT_ID = 'seaworthy';
export const CONFIGURATION_SECTION = 'seaworthy';

/**
 * The language client for the bundled server (`dist/server.js`, next to this bundle), over
 * Node IPC. `errorHandler` is consulted when the connection fails or closes.
 */
export function createServerClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, errorHandler: ErrorHandler): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    diagnosticCollectionName: CLIENT_ID,
    outputChannel,
    errorHandler,
    synchronize: {
      configurationSection: CONFIGURATION_SECTION,
      // The server re-reads `.seaworthy.yaml` when one changes on disk.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.seaworthy.{yaml,yml}'),
    },
  };
  return new LanguageClient(CLIENT_ID, 'Seaworthy', serverOptions, clientOptions);
}

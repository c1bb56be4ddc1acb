import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { EXTENSION_INITIALIZATION_OPTIONS } from '../../server/src/lsp/extensionOptions';
import { DOCUMENT_SELECTOR } from './languages';
import { ruleDocsCommandUri } from './rulePages';

export const CLIENT_ID = 'seaworthy';
export const CONFIGURATION_SECTION = 'seaworthy';

/**
 * The language client for the bundled server (`dist/server.js`, next to this bundle), over
 * Node IPC. `errorHandler` is consulted when the connection fails or closes.
 */
export function createServerClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, errorHandler: ErrorHandler): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // V8's code cache of the server's bundles, in the extension's own storage (server/src/codeCache.ts).
  // The OSV database "Download Vulnerability Database" fetches, which scans use when seaworthy.scan.osvDatabase is unset.
  const env = { ...process.env, SEAWORTHY_CODE_CACHE: path.join(context.globalStorageUri.fsPath, 'code-cache'), SEAWORTHY_OSV_DIR: path.join(context.globalStorageUri.fsPath, 'osv') };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    diagnosticCollectionName: CLIENT_ID,
    outputChannel,
    errorHandler,
    // Settings are asked for once per workspace folder: an opened file is checked without a round trip.
    initializationOptions: EXTENSION_INITIALIZATION_OPTIONS,
    middleware: {
      // Rule links open the same rendered, read-only page as "Show Rule Documentation".
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(withRulePageLink)),
      provideHover: async (document, position, token, next) => withRulePageLinks(await next(document, position, token)),
    },
    synchronize: {
      configurationSection: CONFIGURATION_SECTION,
      // The server re-reads `.seaworthy.yaml` when one changes on disk.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.seaworthy.{yaml,yml}'),
    },
  };
  return new LanguageClient(CLIENT_ID, 'Seaworthy', serverOptions, clientOptions);
}

/** How many times a server that died is started again within `RESTART_WINDOW_MS` before giving up. */
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** What the user is told when the server died, and whether it was started again. */
export interface ServerExit {
  restarted: boolean;
  message: string;
}

/**
 * Starts a language server that died again, with a message each time, up to `MAX_RESTARTS`
 * times within `RESTART_WINDOW_MS`; past that it stays down (a server that dies on start-up or
 * on every document would otherwise restart forever) and the message says how to start it.
 * A connection that fails to read or write is tolerated three times in a row, then closed.
 */
export class ServerRestarts implements ErrorHandler {
  private exits: number[] = [];

  constructor(
    private readonly told: (exit: ServerExit) => void,
    private readonly now: () => number = Date.now,
  ) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = this.now();
    this.exits = [...this.exits.filter((t) => now - t < RESTART_WINDOW_MS), now];
    const minutes = RESTART_WINDOW_MS / 60_000;
    if (this.exits.length <= MAX_RESTARTS) {
      const message = `Seaworthy's language server stopped unexpectedly and was restarted (${this.exits.length} of ${MAX_RESTARTS} restarts within ${minutes} minutes). Its log is in the Seaworthy output.`;
      this.told({ restarted: true, message });
      return { action: CloseAction.Restart, message, handled: true };
    }
    const message = `Seaworthy's language server stopped ${this.exits.length} times within ${minutes} minutes and was not restarted: run "Developer: Reload Window" to start it again. Its log is in the Seaworthy output.`;
    this.told({ restarted: false, message });
    return { action: CloseAction.DoNotRestart, message, handled: true };
  }
}

/** The rule id of a link to a generated rule page (`…/docs/rules/<id>.md`), else null. */
function rulePageId(target: vscode.Uri | string): string | null {
  const text = typeof target === 'string' ? target : target.path;
  return /\/docs\/rules\/([a-z0-9-]+)\.md$/.exec(text)?.[1] ?? null;
}

function withRulePageLink(d: vscode.Diagnostic): vscode.Diagnostic {
  if (d.source !== 'seaworthy' || typeof d.code !== 'object' || !d.code.target) return d;
  const id = rulePageId(d.code.target);
  if (id) d.code = { value: d.code.value, target: ruleDocsCommandUri(id) };
  return d;
}

function withRulePageLinks(hover: vscode.Hover | null | undefined): vscode.Hover | null | undefined {
  if (!hover) return hover;
  const contents = hover.contents.map((c) => {
    if (!(c instanceof vscode.MarkdownString)) return c;
    let linked = false;
    const value = c.value.replace(/\]\((file:[^)\s]*\/docs\/rules\/([a-z0-9-]+)\.md)\)/g, (_, _href: string, id: string) => {
      linked = true;
      return `](${ruleDocsCommandUri(id).toString()})`;
    });
    if (!linked) return c;
    const md = new vscode.MarkdownString(value, c.supportThemeIcons);
    md.isTrusted = { enabledCommands: ['seaworthy.showRuleDocs'] };
    return md;
  });
  return new vscode.Hover(contents, hover.range);
}

import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, filePathOf } from './analysis';
import { codeActions } from './codeActions';
import { ConfigFiles } from './configFiles';
import { DebouncedChecks, toDiagnostic } from './diagnostics';
import { hoverAt } from './hover';
import { DEFAULT_DEBOUNCE_MS, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, RuleDocsRequest, SETTINGS_SECTION, type InitializationOptions } from './protocol';
import { ruleDocs, ruleDocsUri } from './ruleDocs';
import { SettingsStore } from './settings';
import { WorkspaceFolders } from './workspaceFolders';

/**
 * One language server session on a connection: the LSP adapter around the pure engine. Every
 * handler is guarded, so a bad document or an engine bug is logged to the client's output and
 * the server keeps answering.
 */
export function startSession(connection: Connection): void {
  const log = (message: string): void => connection.console.error(`seaworthy: ${message}`);
  const guard = <P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R | Promise<R>) => {
    return async (...args: P): Promise<R> => {
      try {
        return await handler(...args);
      } catch (e) {
        log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
        return fallback;
      }
    };
  };
  process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) => log(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));

  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let analyzer: Analyzer | undefined;
  let checks: DebouncedChecks | undefined;
  let folders: WorkspaceFolders | undefined;
  let settings: SettingsStore | undefined;
  const configFiles = new ConfigFiles((p) => openTextAt(p), log);

  /** Unsaved text of an open document at `filePath`: an open `.seaworthy.yaml` governs as typed. */
  function openTextAt(filePath: string): string | undefined {
    for (const document of documents.all()) if (filePathOf(document.uri) === filePath) return document.getText();
    return undefined;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const debounce = typeof options.debounceMs === 'number' && Number.isFinite(options.debounceMs) ? Math.min(Math.max(options.debounceMs, 0), 5000) : DEFAULT_DEBOUNCE_MS;
    const pull = capabilities.workspace?.configuration
      ? (uri: string): Promise<unknown> => connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
      : null;
    folders = new WorkspaceFolders(params);
    const workspace = folders;
    settings = new SettingsStore(pull, log);
    analyzer = new Analyzer(settings, configFiles, (p) => workspace.folderOf(p), log);
    checks = new DebouncedChecks(debounce, (uri) => void check(uri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'seaworthy' },
    };
  });

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
      }
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.seaworthy.{yaml,yml}' }] });
      }
      if (capabilities.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((e) => folders?.changed(e));
    }),
  );

  /** Lints the current version (once per version) and publishes, even when nothing changed. */
  async function check(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document || !analyzer) return;
    const version = document.version;
    try {
      const analysis = await analyzer.analyse(document);
      // A newer edit has its own check coming: this one is stale.
      if (!analysis || checks?.isPending(uri) || documents.get(uri) !== document) return;
      const diagnostics = analysis.checked ? analysis.findings.map(toDiagnostic) : [];
      await connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
    } catch (e) {
      log(`checking ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      const at = { line: 0, character: 0 };
      const message = `Seaworthy could not check this file (internal error: ${(e as Error)?.message ?? String(e)})`;
      const diagnostic = { range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code: 'invalid-file', codeDescription: { href: ruleDocsUri('invalid-file') }, message };
      await connection.sendDiagnostics({ uri, version, diagnostics: [diagnostic] });
    }
  }

  /** Settings or a `.seaworthy.yaml` changed: every open document re-resolves and is re-checked. */
  function recheckAll(): void {
    configFiles.invalidate();
    analyzer?.invalidateConfiguration();
    for (const uri of analyzer?.trackedUris() ?? []) checks?.schedule(uri);
  }

  documents.onDidOpen(
    guard('didOpen', undefined, ({ document }) => {
      // Re-read config files on open, so one created outside the editor is found without a watcher.
      configFiles.invalidate();
      analyzer?.open(document.uri, document.languageId);
    }),
  );
  documents.onDidChangeContent(
    guard('didChange', undefined, ({ document }) => {
      if (!analyzer?.isTracked(document.uri)) return;
      // An open `.seaworthy.yaml` governs as typed: every document re-resolves against it.
      if (analyzer.isConfigFile(document.uri)) recheckAll();
      else checks?.schedule(document.uri);
    }),
  );
  documents.onDidSave(
    guard('didSave', undefined, ({ document }) => {
      if (analyzer?.isConfigFile(document.uri)) recheckAll();
    }),
  );
  documents.onDidClose(
    guard('didClose', undefined, ({ document }) => {
      checks?.cancel(document.uri);
      if (!analyzer?.isTracked(document.uri)) return;
      const wasConfig = analyzer.isConfigFile(document.uri);
      analyzer.close(document.uri);
      void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      if (wasConfig) recheckAll();
    }),
  );

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, (params) => {
      settings?.changed(params.settings);
      recheckAll();
    }),
  );
  connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, () => recheckAll()));

  connection.onCodeAction(
    guard('codeAction', [], async (params) => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document && (await analyzer?.analyse(document));
      if (!document || !analysis || analysis.version !== document.version) return [];
      const fixAll = params.context.only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`)) ?? false;
      const lintText = fixAll ? ((await analyzer?.linterFor(document)) ?? null) : null;
      if (analysis.version !== document.version) return [];
      const documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
      return codeActions({ document, analysis, params, documentChanges, lintText });
    }),
  );
  connection.onHover(
    guard('hover', null, async (params) => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document && (await analyzer?.analyse(document));
      return analysis && analysis.checked ? hoverAt(analysis, params.position) : null;
    }),
  );
  connection.onRequest(RuleDocsRequest, guard('seaworthy/ruleDocs', null, (params) => ruleDocs(String(params?.ruleId ?? ''))));

  documents.listen(connection);
  connection.listen();
}

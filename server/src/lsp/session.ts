import {
  CancellationTokenSource,
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type DidChangeWatchedFilesParams,
  type Connection,
  type Diagnostic,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
} from './languageServer';
import { pathToFileURL } from 'url';
import { getHeapSpaceStatistics } from 'v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeCacheState } from '../codeCache';
import { Analyzer, filePathOf, type Analysis } from './analysis';
import type { TextEdit } from '../engine';
import type { ImageMention } from '../scan/imageMentions';
import { checksumOf, isChecksumPinData } from './checksumPin';
import { digestPinEdits, isDigestPinData } from './digestPin';
import { codeActions, workspaceEdit } from './codeActions';
import { configCompletions, configHover } from './configEditing';
import { manifestCompletions, withFieldHover } from './manifestAssist';
import { ConfigFiles, configDiagnostics, configNotice, describeProblems, isConfigPath, type ConfigFile } from './configFiles';
import { adaptiveDebounce, DebouncedChecks, toDiagnostic } from './diagnostics';
import { engine } from './engine';
import { hoverAt } from './hover';
import { answerOrFail, ImageScans, mentionKindOf } from './imageScans';
import {
  ClearScanResultsRequest,
  DIAGNOSTIC_SOURCE,
  CheckWorkspaceRequest,
  DevStatsRequest,
  type DevStats,
  DocumentStatusRequest,
  type DocumentStatus,
  ExportScanReportRequest,
  FIX_ALL_KIND,
  ImageMentionsRequest,
  ScanEngineRequest,
  RuleDocsRequest,
  ScanImagesRequest,
  DownloadOsvDatabaseRequest,
  SETTINGS_SECTION,
  type InitializationOptions,
} from './protocol';
import { ruleDocs, ruleDocsUri } from './ruleDocs';
import { SettingsStore } from './settings';
import { WorkspaceCheck, workspaceFiles } from './workspaceCheck';
import { WorkspaceFolders } from './workspaceFolders';
import { CrossFileIndex } from './crossFileIndex';

/**
 * Starts a language server session on a connection: the LSP adapter around the pure engine.
 * Every handler is guarded, so a bad document or an engine bug is logged to the client's output
 * and the server keeps answering.
 */
export function startSession(connection: Connection): void {
  const log = (message: string): void => connection.console.error(`seaworthy: ${message}`);
  process.on('uncaughtException', (e) => log(`uncaught: ${describe(e)}`));
  process.on('unhandledRejection', (e) => log(`unhandled rejection: ${describe(e)}`));
  const guard = <P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R | Promise<R>) => {
    return async (...args: P): Promise<R> => {
      try {
        return await handler(...args);
      } catch (e) {
        log(`${name} failed: ${describe(e)}`);
        return fallback;
      }
    };
  };

  const session = new Session(connection, log);
  const { documents } = session;
  connection.onInitialize((params) => session.initialize(params));
  connection.onInitialized(guard('initialized', undefined, () => session.initialized()));
  documents.onDidOpen(guard('didOpen', undefined, ({ document }) => session.opened(document)));
  documents.onDidChangeContent(guard('didChange', undefined, ({ document }) => session.changed(document)));
  documents.onDidSave(guard('didSave', undefined, ({ document }) => session.saved(document)));
  documents.onDidClose(guard('didClose', undefined, ({ document }) => session.closed(document)));
  connection.onDidChangeConfiguration(guard('didChangeConfiguration', undefined, (params) => session.settingsChanged(params.settings)));
  connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, (params) => session.filesChanged(params)));
  connection.onCodeAction(guard('codeAction', [], (params) => session.codeActions(params)));
  connection.onCodeActionResolve((action, token) => guard('codeAction/resolve', action, () => session.resolveCodeAction(action, token))());
  connection.onHover(guard('hover', null, (params) => session.hover(params)));
  connection.onCompletion(guard('completion', [], (params) => session.completion(params)));
  connection.onRequest(CheckWorkspaceRequest, (params, token) => answerOrFail('seaworthy/checkWorkspace', log, () => session.workspace.run(params ?? {}, token)));
  connection.onRequest(DocumentStatusRequest, guard('seaworthy/documentStatus', null, (params) => session.documentStatus(String(params?.uri ?? ''))));
  connection.onRequest(RuleDocsRequest, guard('seaworthy/ruleDocs', null, (params) => ruleDocs(String(params?.ruleId ?? ''))));
  connection.onRequest(ScanImagesRequest, (params, token) => answerOrFail('seaworthy/scanImages', log, () => session.scans.scan(params ?? {}, token)));
  connection.onRequest(DownloadOsvDatabaseRequest, (params, token) => answerOrFail('seaworthy/downloadOsvDatabase', log, () => session.scans.downloadOsv(params ?? {}, token)));
  connection.onRequest(ImageMentionsRequest, guard('seaworthy/imageMentions', { mentions: [] }, (params) => session.scans.mentions(String(params?.uri ?? ''))));
  connection.onRequest(ScanEngineRequest, (params) => answerOrFail('seaworthy/scanEngine', log, () => session.scans.engine(params ?? {})));
  connection.onRequest(ExportScanReportRequest, (params) => answerOrFail('seaworthy/exportScanReport', log, () => session.scans.export(params, documents.all())));
  connection.onRequest(ClearScanResultsRequest, guard('seaworthy/clearScanResults', null, () => session.scans.clear()));
  connection.onRequest(DevStatsRequest, guard('seaworthy/dev/stats', null, (params) => session.devStats(params ?? {})));
  documents.listen(connection);
  connection.listen();
}

function describe(e: unknown): string {
  return (e as Error)?.stack ?? String(e);
}

/** The state of one session: open documents, their analyses, settings and config files. */
class Session {
  readonly documents = new TextDocuments(TextDocument);
  private capabilities: ClientCapabilities = {};
  private folders: WorkspaceFolders | undefined;
  private readonly configFiles: ConfigFiles;
  /** Every `.seaworthy.yaml` found in the workspace or reported by the watcher; what was last logged of each. */
  private readonly knownConfigs = new Set<string>();
  private readonly loggedConfigs = new Map<string, string>();
  /**
   * The URI of the open document at each file path: looking for a `.seaworthy.yaml` asks whether
   * one is open at every folder above a file, which converting every open URI made cost
   * (folders × open documents) conversions per opened file.
   */
  private readonly openPaths = new Map<string, string>();
  // Replaced in `initialize`, once the client's capabilities and options are known.
  private settings: SettingsStore;
  private analyzer: Analyzer;
  /** Lints closed files for "Check Workspace", apart from the open documents' state. */
  private closedFiles: Analyzer;
  /** Namespace Pod Security labels and Roles across the workspace's manifests. */
  private crossFile: CrossFileIndex;
  readonly workspace: WorkspaceCheck;
  private checks: DebouncedChecks;
  readonly scans: ImageScans;
  /** Whether the client asked for `seaworthy/dev/stats` (tests and the benchmark). */
  dev = false;

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {
    this.configFiles = new ConfigFiles((p) => this.openTextAt(p), log, (file) => this.configRead(file));
    this.settings = new SettingsStore(null, log);
    this.analyzer = new Analyzer(this.settings, this.configFiles, () => null, log);
    this.closedFiles = this.analyzer;
    this.crossFile = new CrossFileIndex(() => [], () => this.recheckAll());
    this.workspace = new WorkspaceCheck({
      connection,
      capabilities: () => this.capabilities,
      folders: () => this.folders?.all() ?? [],
      isOpen: (uri) => this.documents.get(uri) !== undefined,
      analyzer: () => this.closedFiles,
      diagnosticsOf: (uri, analysis) => this.diagnosticsOf(uri, analysis, null),
      republish: (uri) => (uri === undefined ? this.analyzer.trackedUris() : [uri]).forEach((u) => this.checks.schedule(u)),
      log,
    });
    this.checks = this.debouncedChecks(undefined);
    this.scans = new ImageScans({
      connection,
      capabilities: () => this.capabilities,
      document: (uri) => this.documents.get(uri),
      kindOf: async (document) => mentionKindOf((await this.analyzer.analyse(document))?.kind),
      republishAll: () => this.analyzer.trackedUris().forEach((uri) => this.checks.schedule(uri)),
      log,
    });
  }

  initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const debounce = typeof options.debounceMs === 'number' && Number.isFinite(options.debounceMs) ? Math.min(Math.max(options.debounceMs, 0), 5000) : undefined;
    this.dev = options.dev === true;
    const pull = params.capabilities.workspace?.configuration
      ? (uri: string): Promise<unknown> => this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
      : null;
    const folders = new WorkspaceFolders(params);
    this.folders = folders;
    // A client whose answer depends only on the folder is asked once per folder ('' for outside them).
    const folderOf = options.settingsPerFolder === true ? (uri: string): string => folders.folderOfUri(uri) ?? '' : null;
    this.settings = new SettingsStore(pull, this.log, folderOf);
    this.crossFile = new CrossFileIndex(() => folders.all(), () => this.recheckAll());
    const crossFile = (): ReturnType<CrossFileIndex['facts']> => this.crossFile.facts();
    this.analyzer = new Analyzer(this.settings, this.configFiles, (p) => folders.folderOf(p), this.log, crossFile, (uri, facts) => this.crossFile.documentLinted(uri, facts));
    this.closedFiles = new Analyzer(this.settings, this.configFiles, (p) => folders.folderOf(p), this.log, crossFile);
    this.checks = this.debouncedChecks(debounce);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        // `.seaworthy.yaml` keys, rule ids and levels, for users without a YAML extension.
        completionProvider: { triggerCharacters: [':', ' '] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'seaworthy' },
    };
  }

  /**
   * Checks wait after an edit as `debounce` says, or (unset) as long as the document's checks
   * cost. A document never checked yet (just opened) is checked at once.
   */
  private debouncedChecks(debounce: number | undefined): DebouncedChecks {
    return new DebouncedChecks(
      (uri) => {
        const cost = this.analyzer.costOf(uri);
        return cost === undefined ? 0 : (debounce ?? adaptiveDebounce(cost));
      },
      (uri) => void this.check(uri),
    );
  }

  async initialized(): Promise<void> {
    const workspace = this.capabilities.workspace;
    if (workspace?.didChangeConfiguration?.dynamicRegistration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.seaworthy.{yaml,yml}' }] });
    }
    if (workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        this.folders?.changed(e);
        this.settings.foldersChanged();
        this.crossFile.foldersChanged();
        void this.discoverConfigs();
      });
    }
    await this.discoverConfigs();
  }

  /** Finds every `.seaworthy.yaml` in the workspace and publishes its problems, open or not. */
  private async discoverConfigs(): Promise<void> {
    const found = await workspaceFiles(this.folders?.all() ?? [], isConfigPath);
    for (const file of found) this.knownConfigs.add(file);
    for (const file of found) this.publishConfig(file);
  }

  /**
   * A config file's problems from disk, for when it is not open (an open one is checked like any
   * document, as typed). A config that is gone gets its diagnostics cleared.
   */
  private publishConfig(filePath: string): void {
    if (this.openTextAt(filePath) !== undefined) return;
    const file = this.knownConfigs.has(filePath) ? this.configFiles.file(filePath) : null;
    if (!file) this.knownConfigs.delete(filePath);
    void this.connection.sendDiagnostics({ uri: pathToFileURL(filePath).toString(), diagnostics: file ? configDiagnostics(file) : [] });
  }

  /** Says in the output when a config file's problems change (and when they are gone). */
  private configRead(file: ConfigFile): void {
    const summary = describeProblems(file);
    const before = this.loggedConfigs.get(file.path);
    if (before === summary || (before === undefined && file.problems.length === 0)) return;
    this.loggedConfigs.set(file.path, summary);
    if (file.problems.length > 0) this.connection.console.warn(summary);
    else this.connection.console.info(summary);
  }

  /** The watcher saw files change: config files are re-read and republished, every document re-checked. */
  filesChanged(params: DidChangeWatchedFilesParams): void {
    const configs: string[] = [];
    for (const change of params.changes ?? []) {
      const filePath = filePathOf(change.uri);
      if (!filePath) continue;
      if (!isConfigPath(filePath)) {
        this.workspace.fileChanged(filePath, change.type === FileChangeType.Deleted);
        this.crossFile.fileChanged(filePath, change.type === FileChangeType.Deleted);
        continue;
      }
      if (change.type === FileChangeType.Deleted) this.knownConfigs.delete(filePath);
      else this.knownConfigs.add(filePath);
      configs.push(filePath);
    }
    this.recheckAll();
    for (const filePath of configs) this.publishConfig(filePath);
  }

  opened(document: TextDocument): void {
    const filePath = filePathOf(document.uri);
    if (filePath) this.openPaths.set(filePath, document.uri);
    // Config files are re-read on open, so one created outside the editor is found without a watcher.
    this.configFiles.invalidate();
    this.analyzer.open(document.uri, document.languageId);
  }

  /** Also called right after `opened`: the text of a newly opened document is a change too. */
  changed(document: TextDocument): void {
    if (!this.analyzer.isTracked(document.uri)) return;
    // An open `.seaworthy.yaml` governs as typed: every document re-resolves against it.
    if (this.analyzer.isConfigFile(document.uri)) this.recheckAll();
    else this.checks.schedule(document.uri);
  }

  saved(document: TextDocument): void {
    if (!this.analyzer.isTracked(document.uri)) return;
    if (this.analyzer.isConfigFile(document.uri)) return this.recheckAll();
    // Re-read the config files on save, so edits made outside the editor apply without a watcher.
    this.configFiles.invalidate();
    this.analyzer.invalidateConfiguration(document.uri);
    this.checks.schedule(document.uri);
  }

  closed(document: TextDocument): void {
    this.forgetOpenPath(document.uri);
    this.checks.forget(document.uri);
    this.scans.forget(document.uri);
    this.settings.forget(document.uri);
    if (!this.analyzer.isTracked(document.uri)) return;
    const wasConfig = this.analyzer.isConfigFile(document.uri);
    this.analyzer.close(document.uri);
    this.crossFile.documentClosed(document.uri);
    const filePath = filePathOf(document.uri);
    // Closed, a file of a checked workspace shows its findings on disk; otherwise they go.
    const keptByWorkspace = !wasConfig && filePath !== null && this.workspace.documentClosed(filePath);
    if ((!wasConfig || !filePath) && !keptByWorkspace) void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    if (!wasConfig) return;
    this.recheckAll();
    // Closed, its problems stay in view: as saved on disk.
    if (filePath) {
      this.knownConfigs.add(filePath);
      this.publishConfig(filePath);
    }
  }

  settingsChanged(pushed: unknown): void {
    this.settings.changed(pushed);
    this.recheckAll();
  }

  /** Settings or a `.seaworthy.yaml` changed: every open document re-resolves and is re-checked. */
  recheckAll(): void {
    this.configFiles.invalidate();
    this.analyzer.invalidateConfiguration();
    for (const uri of this.analyzer.trackedUris()) this.checks.schedule(uri);
    this.workspace.configurationChanged();
  }

  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const document = this.documents.get(params.textDocument.uri);
    const analysis = document && (await this.analyzer.analyse(document));
    if (!document || !analysis) return [];
    const wantsFixAll = params.context.only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`)) ?? false;
    const lintText = wantsFixAll ? await this.analyzer.linterFor(document) : null;
    // Edits are computed for the version analysed; a newer version gets its own request.
    if (analysis.version !== document.version) return [];
    const resolvesEdits = this.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    const showsDisabled = this.capabilities.textDocument?.codeAction?.disabledSupport === true;
    const mentionKind = mentionKindOf(analysis.kind);
    const imageMentions = mentionKind ? (): ImageMention[] => this.scans.mentionsOf(document, mentionKind) : undefined;
    // The NetworkPolicy findings of this version, as its publish shows them.
    const workspaceFindings = analysis.checked ? this.workspace.openDocumentFindings(document.uri, analysis) : [];
    return codeActions({ document, analysis, params, documentChanges: this.documentChanges, resolvesEdits, showsDisabled, lintText, log: this.log, today: today(), workspaceFindings, ...(imageMentions ? { imageMentions } : {}) });
  }

  /**
   * Fills in the edit of "Pin with --checksum" (by downloading the URL) or of "Pin IMAGE to its
   * digest" (by asking the registry), with progress and cancellation. On failure the user is told
   * why and the action comes back without an edit, so nothing changes.
   */
  async resolveCodeAction(action: CodeAction, token: CancellationToken): Promise<CodeAction> {
    if (isChecksumPinData(action.data)) {
      const { pin } = action.data;
      return this.resolvePin(action, action.data, token, {
        file: 'the Dockerfile',
        title: 'Seaworthy: pinning ADD',
        message: pin.source === 'http' ? `Downloading ${pin.url}` : `Asking ${pin.url} for its commit`,
        subject: pin.url,
        edits: async (cancel, report) => {
          const checksum = await checksumOf(pin, cancel, (received, total) => report(total ? Math.floor((received / total) * 100) : 0, `${(received / 1024 ** 2).toFixed(1)} MB of ${pin.url}`));
          return [{ range: { start: pin.insertAt, end: pin.insertAt }, newText: `--checksum=${checksum} ` }];
        },
      });
    }
    if (isDigestPinData(action.data)) {
      const data = action.data;
      return this.resolvePin(action, data, token, { file: 'the file', title: 'Seaworthy: pinning to a digest', message: `Asking the registry which digest ${data.image} is`, subject: data.image, edits: async (cancel) => digestPinEdits(data, (await this.scans.settingsFor({ uri: data.uri })).insecureRegistries, cancel) });
    }
    return action;
  }

  private async resolvePin(
    action: CodeAction,
    target: { uri: string; version: number },
    token: CancellationToken,
    pin: { file: string; title: string; message: string; subject: string; edits: (cancel: CancellationToken, report: (percent: number, message: string) => void) => Promise<TextEdit[]> },
  ): Promise<CodeAction> {
    const document = this.documents.get(target.uri);
    if (!document || document.version !== target.version) {
      void this.connection.window.showWarningMessage(`Seaworthy: ${pin.file} changed since the action was offered; pick "${action.title}" again.`);
      return action;
    }
    const progress = this.capabilities.window?.workDoneProgress ? await this.connection.window.createWorkDoneProgress() : null;
    progress?.begin(pin.title, 0, pin.message, true);
    // Cancelled by the client giving up on the request or by the user pressing Cancel on the progress.
    const cancellation = new CancellationTokenSource();
    const listeners = [token, ...(progress ? [progress.token] : [])].map((t) => t.onCancellationRequested(() => cancellation.cancel()));
    try {
      const edits = await pin.edits(cancellation.token, (percent, message) => progress?.report(percent, message));
      return { ...action, edit: workspaceEdit(document, edits, this.documentChanges) };
    } catch (e) {
      const file = pin.file.charAt(0).toUpperCase() + pin.file.slice(1);
      void this.connection.window.showErrorMessage(`Seaworthy could not pin ${pin.subject}: ${(e as Error).message}. ${file} was not changed.`);
      return action;
    } finally {
      for (const listener of listeners) listener.dispose();
      cancellation.dispose();
      progress?.done();
    }
  }

  /** Whether the client takes versioned edits (`documentChanges`) in a WorkspaceEdit. */
  private get documentChanges(): boolean {
    return this.capabilities.workspace?.workspaceEdit?.documentChanges === true;
  }

  completion(params: CompletionParams): CompletionItem[] {
    const document = this.documents.get(params.textDocument.uri);
    if (!document || !this.analyzer.isTracked(document.uri)) return [];
    if (!this.analyzer.isConfigFile(document.uri)) return manifestCompletions(document, params.position);
    return configCompletions(document.getText(), params.position);
  }

  async hover(params: HoverParams): Promise<Hover | null> {
    const document = this.documents.get(params.textDocument.uri);
    if (document && this.analyzer.isConfigFile(document.uri)) return configHover(document.getText(), params.position);
    const analysis = document && (await this.analyzer.analyse(document));
    if (!document || !analysis || !analysis.checked) return null;
    const image = analysis.kind === 'dockerfile' ? engine().baseImageInfoAt(document.getText(), params.position, today()) : analysis.kind === 'kubernetes' ? engine().manifestImageInfoAt(document.getText(), params.position, today()) : null;
    const hover = hoverAt(analysis, params.position, image, (p) => this.folders?.label(p) ?? p);
    return analysis.kind === 'kubernetes' ? withFieldHover(hover, document.getText(), params.position) : hover;
  }

  /** Lints the current version (once per version) and publishes, even when nothing changed. */
  private async check(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const version = document.version;
    try {
      const analysis = await this.analyzer.analyse(document);
      // A newer edit has its own check coming: this one is stale.
      if (!analysis || this.checks.isPending(uri) || this.documents.get(uri) !== document) return;
      const diagnostics = this.diagnosticsOf(uri, analysis, document);
      await this.connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
    } catch (e) {
      this.log(`checking ${uri} failed: ${describe(e)}`);
      await this.connection.sendDiagnostics({ uri, version, diagnostics: [internalError(e)] });
    }
  }

  /** What is published for an analysis: findings, scan results (open documents only), the note about a broken config. */
  private diagnosticsOf(uri: string, analysis: Analysis, document: TextDocument | null): Diagnostic[] {
    // An open manifest, once the workspace was checked: the NetworkPolicy findings that land in it.
    const network = document ? this.workspace.openDocumentFindings(uri, analysis) : [];
    if (!analysis.checked) return [];
    const notice = analysis.configFile && !this.analyzer.isConfigFile(uri) ? configNotice(analysis.configFile, this.folders?.label(analysis.configFile.path) ?? analysis.configFile.path, this.relatedInformation) : null;
    const scans = document ? this.scans.diagnosticsFor(document, mentionKindOf(analysis.kind)) : [];
    return [...analysis.findings.map(toDiagnostic), ...network.map(toDiagnostic), ...scans, ...(notice ? [notice] : [])];
  }

  private get relatedInformation(): boolean {
    return this.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
  }

  /** What the status bar shows for an open document: its kind, whether it is checked, the config in force. */
  async documentStatus(uri: string): Promise<DocumentStatus | null> {
    const document = this.documents.get(uri);
    if (!document) return null;
    if (!this.analyzer.isTracked(uri)) return { tracked: false, checked: false, kind: 'unknown', config: null };
    const analysis = await this.analyzer.analyse(document);
    if (!analysis) return null;
    const file = analysis.configFile;
    const config = file ? { uri: pathToFileURL(file.path).toString(), problems: file.problems.length } : null;
    if (this.analyzer.isConfigFile(uri)) return { tracked: true, checked: analysis.checked, kind: 'config', config };
    if (!analysis.checked) return { tracked: true, checked: false, kind: analysis.kind, ...(analysis.notChecked ? { notChecked: analysis.notChecked } : {}), config };
    if (analysis.kind === 'yaml' || analysis.kind === 'unknown') return { tracked: true, checked: false, kind: analysis.kind, notChecked: 'not-a-target', config };
    const hasRules = engine().RULES.some((r) => r.meta.appliesTo === analysis.kind);
    return { tracked: true, checked: hasRules, kind: analysis.kind, ...(hasRules ? {} : { notChecked: 'no-rules' as const }), config };
  }

  /** Null unless the client asked for it in `initializationOptions.dev`. */
  devStats(params: { uri?: unknown; gc?: unknown }): DevStats | null {
    if (!this.dev) return null;
    const uri = typeof params.uri === 'string' ? params.uri : null;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (params.gc === true) gc?.();
    const tracked = uri !== null && this.analyzer.isTracked(uri);
    return {
      heapUsed: dataHeapUsed(),
      tracked: this.analyzer.trackedUris().length,
      document: tracked ? { lints: this.analyzer.lintsOf(uri), costMs: this.analyzer.costOf(uri) ?? null, lastDelayMs: this.checks.lastDelay(uri) ?? null } : null,
      codeCache: codeCacheState(),
    };
  }

  /** Unsaved text of an open document at `filePath`: an open `.seaworthy.yaml` governs as typed. */
  private openTextAt(filePath: string): string | undefined {
    const uri = this.openPaths.get(filePath);
    return uri === undefined ? undefined : this.documents.get(uri)?.getText();
  }

  /** A document closed: its path maps to another open document of the same file (a URI spelled otherwise), or to none. */
  private forgetOpenPath(uri: string): void {
    const filePath = filePathOf(uri);
    if (!filePath || this.openPaths.get(filePath) !== uri) return;
    this.openPaths.delete(filePath);
    const other = this.documents.all().find((d) => filePathOf(d.uri) === filePath);
    if (other) this.openPaths.set(filePath, other.uri);
  }
}

/** What the user sees when checking a file failed inside Seaworthy: a finding, not silence. */
function internalError(e: unknown): Diagnostic {
  const at = { line: 0, character: 0 };
  return {
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: 'invalid-file',
    codeDescription: { href: ruleDocsUri('invalid-file') },
    message: `Seaworthy could not check this file (internal error: ${(e as Error)?.message ?? String(e)})`,
  };
}

/** The editor's date, `YYYY-MM-DD` (the engine takes it as a parameter). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The V8 heap in use without compiled code: the JIT keeps optimising hot functions long after
 * start, which grows the code spaces by hundreds of KiB; what a document leaves behind is data.
 */
function dataHeapUsed(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('code_')) used += space.space_used_size;
  return used;
}

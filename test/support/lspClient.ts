import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type FileEvent,
  type Command,
  type Hover,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageRequestParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DevStatsRequest, type DevStats } from '../../server/src/lsp/protocol';
import { DIST } from './paths';

export interface StartOptions {
  /** Declare `workspace.configuration` and answer it with `settings` (default true). */
  configuration?: boolean;
  /** The `seaworthy` section for a document (default `{}`). */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Default `{debounceMs: 0}`: every change is checked. */
  initializationOptions?: Record<string, unknown>;
  workspaceFolders?: string[];
  /** Ask for `documentChanges` in workspace edits (default true). */
  documentChanges?: boolean;
  /** Declare `codeAction.resolveSupport` for `edit` (default false). */
  resolveEdits?: boolean;
  /** Declare `window.workDoneProgress` and accept the server's progress tokens (default false). */
  workDoneProgress?: boolean;
  /** The server's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Node arguments before the server path (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  serverPath?: string;
  /** Whether the client shows code actions with `disabled` set (VS Code does). */
  disabledSupport?: boolean;
}

const WAIT_LIMIT_MS = 15_000;

interface Waiter {
  uri: string;
  accept: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
  reject: (e: Error) => void;
}

/**
 * A minimal LSP client for tests and the benchmark: spawns the built server over stdio, keeps
 * the documents it opened in sync, records every `publishDiagnostics`, and lets a test wait for
 * the publish of a given version (an event, never a sleep).
 */
export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  configurationRequests = 0;
  /** `window/showMessageRequest`s from the server, in order. */
  readonly shownMessages: ShowMessageRequestParams[] = [];
  /** `$/progress` values from the server, in order. */
  readonly progress: unknown[] = [];
  /** The `scopeUri` of every `seaworthy` configuration item the server asked for, in order. */
  readonly configurationScopes: (string | undefined)[] = [];
  stderr = '';
  initializeResult: InitializeResult | undefined;
  private readonly documents = new Map<string, TextDocument>();
  private waiters: Waiter[] = [];
  private logWatchers: ((message: string) => boolean)[] = [];
  private progressWatchers: ((value: unknown) => boolean)[] = [];
  private exited: Error | null = null;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const serverPath = options.serverPath ?? path.join(DIST, 'server.js');
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    child.stderr!.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    child.on('exit', (code, signal) => client.fail(new Error(`server exited (${code ?? signal}); stderr: ${client.stderr}`)));
    child.stdin!.on('error', () => undefined);
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => client.onPublish(p));
    connection.onNotification(LogMessageNotification.type, (p) => {
      client.logs.push(p.message);
      client.logWatchers = client.logWatchers.filter((w) => !w(p.message));
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(ShowMessageRequest.type, (params) => {
      client.shownMessages.push(params);
      return null;
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onNotification('$/progress', (params: { value: unknown }) => {
      client.progress.push(params.value);
      client.progressWatchers = client.progressWatchers.filter((w) => !w(params.value));
    });
    connection.onRequest(ConfigurationRequest.type, (params) => {
      client.configurationRequests++;
      for (const item of params.items) if (item.section === 'seaworthy') client.configurationScopes.push(item.scopeUri);
      // `seaworthy.scan` is the `scan` object inside what `settings` returns for `seaworthy`.
      return params.items.map((item) => {
        const [root, ...rest] = (item.section ?? '').split('.');
        if (root !== 'seaworthy') return null;
        let value: unknown = options.settings?.(item.scopeUri) ?? {};
        for (const key of rest) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
        return value ?? null;
      });
    });
    connection.listen();
    const configuration = options.configuration ?? true;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration,
        didChangeConfiguration: { dynamicRegistration: configuration },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: options.documentChanges ?? true },
        workspaceFolders: true,
      },
      window: { workDoneProgress: options.workDoneProgress ?? false },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true, relatedInformation: false },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
          ...(options.resolveEdits ? { resolveSupport: { properties: ['edit'] } } : {}),
          ...(options.disabledSupport ? { disabledSupport: true } : {}),
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    };
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).toString() : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).toString(), name: path.basename(f) })),
      capabilities,
      initializationOptions: options.initializationOptions ?? { debounceMs: 0 },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Sends incremental changes; returns the new version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const document = this.document(uri);
    const version = document.version + 1;
    TextDocument.update(document, changes, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Inserts `text` at `line:character` as one incremental change. */
  insert(uri: string, line: number, character: number, text: string): number {
    const at = { line, character };
    return this.change(uri, [{ range: { start: at, end: at }, text }]);
  }

  /** Replaces the whole text as one incremental change over the full range. */
  replaceAll(uri: string, text: string): number {
    const document = this.document(uri);
    const end = document.positionAt(document.getText().length);
    return this.change(uri, [{ range: { start: { line: 0, character: 0 }, end }, text }]);
  }

  close(uri: string): void {
    this.documents.delete(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  version(uri: string): number {
    return this.document(uri).version;
  }

  configurationChanged(settings: unknown = null): void {
    void this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** Tells the server files changed on disk, as a file watcher would. */
  filesChanged(uris: string[], type: FileChangeType = FileChangeType.Changed): void {
    void this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: uris.map((uri): FileEvent => ({ uri, type })) });
  }

  save(uri: string): void {
    void this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The publish for `version` of `uri` (default: the version last sent), already seen or next. */
  diagnostics(uri: string, version: number = this.version(uri)): Promise<PublishDiagnosticsParams> {
    const seen = this.published.find((p) => p.uri === uri && p.version === version);
    return seen ? Promise.resolve(seen) : this.nextDiagnostics(uri, (p) => p.version === version);
  }

  /** Resolves with the first `window/logMessage` from now on that `accept`s (register before triggering it). */
  nextLog(accept: (message: string) => boolean): Promise<string> {
    return new Promise((resolve) => {
      this.logWatchers.push((message) => {
        if (!accept(message)) return false;
        resolve(message);
        return true;
      });
    });
  }

  /** Resolves with the first `$/progress` value from now on that `accept`s (register before triggering it). */
  nextProgress(accept: (value: unknown) => boolean): Promise<unknown> {
    return new Promise((resolve) => {
      this.progressWatchers.push((value) => {
        if (!accept(value)) return false;
        resolve(value);
        return true;
      });
    });
  }

  /** The next publish for `uri` from now on (register before sending what triggers it). */
  nextDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, accept, resolve, reject };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no diagnostics for ${uri} within ${WAIT_LIMIT_MS} ms; server log: ${this.logs.join('\n')}`));
      }, WAIT_LIMIT_MS);
      timer.unref();
      waiter.resolve = (p) => (clearTimeout(timer), resolve(p));
      waiter.reject = (e) => (clearTimeout(timer), reject(e));
      this.waiters.push(waiter);
    });
  }

  codeActions(uri: string, range: Range, only?: string[], diagnostics: PublishDiagnosticsParams['diagnostics'] = []): Promise<(Command | CodeAction)[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  resolveCodeAction(action: CodeAction, token?: CancellationToken): Promise<CodeAction> {
    return this.connection.sendRequest(CodeActionResolveRequest.type, action, token);
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  /** The server's heap and check bookkeeping (the server must be started with `initializationOptions.dev`). */
  async devStats(uri?: string, gc = false): Promise<DevStats> {
    const stats = await this.connection.sendRequest(DevStatsRequest, { ...(uri ? { uri } : {}), gc });
    if (!stats) throw new Error('seaworthy/dev/stats answered null: start the server with initializationOptions.dev');
    return stats;
  }

  /** The text of `uri` after applying a workspace edit's edits for it (the client's copy is unchanged). */
  applied(uri: string, edit: WorkspaceEdit | undefined): string {
    const document = this.document(uri);
    const edits = [
      ...(edit?.changes?.[uri] ?? []),
      ...(edit?.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? c.edits : [])),
    ];
    return TextDocument.applyEdits(document, edits.map((e) => ('newText' in e ? e : { range: e.range, newText: e.snippet.value })));
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.process.kill();
    }
    await exit;
    this.connection.dispose();
  }

  private document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  private onPublish(p: PublishDiagnosticsParams): void {
    this.published.push(p);
    const ready = this.waiters.filter((w) => w.uri === p.uri && w.accept(p));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(p);
  }

  private fail(error: Error): void {
    this.exited = error;
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
  }
}

/** A `file:` URI for a path (the file need not exist: the server reads only config files). */
export function fileUri(p: string): string {
  return pathToFileURL(p).toString();
}

import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CancellationTokenSource,
  DidChangeWatchedFilesNotification,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
} from './languageServer';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfiguredManifest, Finding } from '../engine';
import { walkFiles, walkTakes } from '../host/fileWalk';
import { filePathOf, type Analysis, type Analyzer } from './analysis';
import { isConfigPath } from './configFiles';
import { toDiagnostic } from './diagnostics';
import { engine } from './engine';
import type { CheckWorkspaceParams, CheckWorkspaceResult } from './protocol';
import { NetworkPolicyCheck } from './networkPolicyCheck';
import { workDoneProgressFor } from './workDoneProgress';

/**
 * The files under the workspace folders that `wanted` accepts (by name), walked as
 * `seaworthy check` walks a folder (host/fileWalk.ts: dot-folders, `node_modules` and what the
 * `.gitignore` files name are left out). Stops early when `token` is cancelled.
 */
export function workspaceFiles(folders: readonly string[], wanted: (name: string) => boolean, token?: CancellationToken): Promise<string[]> {
  return walkFiles(folders, { wanted, token });
}

/** What the workspace check needs from the session. */
export interface WorkspaceCheckContext {
  connection: Connection;
  capabilities: () => ClientCapabilities;
  folders: () => readonly string[];
  /** Open documents are checked as typed by the session: the workspace check leaves them alone. */
  isOpen: (uri: string) => boolean;
  /** An analyzer of its own (closed files come and go without touching the open documents' state). */
  analyzer: () => Analyzer;
  /** The diagnostics to publish for an analysis (findings and the note about a broken config). */
  diagnosticsOf: (uri: string, analysis: Analysis) => Diagnostic[];
  /** Publishes an open document's diagnostics again (all of them without `uri`): the NetworkPolicy findings in it changed. */
  republish: (uri?: string) => void;
  log: (message: string) => void;
}

/** Dockerfiles, manifests and Compose files by name; `.seaworthy.yaml` is published on its own. */
function isWorkspaceTarget(name: string): boolean {
  return engine().kindByName(name) !== 'unknown' && !isConfigPath(name);
}

const CONFIG_SETTLE_MS = 200;

/** The watcher the server registers once the workspace is checked. */
export const WORKSPACE_GLOBS = ['**/{Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*,*.dockerfile,*.containerfile,Containerfile.*}', '**/*.{yaml,yml}', '**/.gitignore'];

/**
 * "Check Workspace": lints the closed files of the workspace and publishes their diagnostics,
 * then keeps them current. A file is linted again only when its size or modification time
 * changed, or when settings or a config file changed (which can change every file's result).
 */
export class WorkspaceCheck {
  private active = false;
  /** Stamp (`mtime:size`) of each closed file as last linted, and its finding count. */
  private readonly stamps = new Map<string, string>();
  private readonly counts = new Map<string, number>();
  private watching = false;
  private recheck: ReturnType<typeof setTimeout> | undefined;
  /** The workspace-wide NetworkPolicy check: its files, the config each was linted with, what each published. */
  private readonly networkPolicies = new NetworkPolicyCheck();
  /** The checked manifests' NetworkPolicy facts (from their lint) and configuration, by path. */
  private readonly manifests = new Map<string, ConfiguredManifest>();
  private readonly published = new Map<string, Diagnostic[]>();
  private policyRefresh: ReturnType<typeof setTimeout> | undefined;
  /** A whole check has run: the NetworkPolicy check knows every manifest, and open documents show its findings. */
  private networkReady = false;
  /** The watcher's changes and closed documents, handled in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly context: WorkspaceCheckContext) {}

  async run(params: CheckWorkspaceParams, token: CancellationToken): Promise<CheckWorkspaceResult> {
    this.active = true;
    await this.watch();
    const progress = await workDoneProgressFor(this.context.connection, this.context.capabilities(), params);
    const cancel = new CancellationTokenSource();
    const listeners = [token, ...(progress?.token ? [progress.token] : [])].map((t) => t.onCancellationRequested(() => cancel.cancel()));
    progress?.reporter.begin('Seaworthy: checking the workspace', 0, 'finding files', true);
    const result: CheckWorkspaceResult = { files: 0, checked: 0, unchanged: 0, findings: 0, filesWithFindings: 0, cancelled: false };
    try {
      const files = await workspaceFiles(this.context.folders(), isWorkspaceTarget, cancel.token);
      result.files = files.length;
      if (!cancel.token.isCancellationRequested) this.forgetAllBut(files);
      for (const [index, file] of files.entries()) {
        if (cancel.token.isCancellationRequested) break;
        if (index % 20 === 0) progress?.reporter.report(Math.floor((index / files.length) * 100), `${index} of ${files.length} files`);
        const outcome = await this.checkFile(file, false);
        if (outcome === 'checked') result.checked++;
        else if (outcome === 'unchanged') result.unchanged++;
      }
      result.cancelled = cancel.token.isCancellationRequested;
      if (!result.cancelled) {
        await this.refreshNetworkPolicies();
        // The open documents' facts as typed join in as each is published again.
        if (!this.networkReady) this.context.republish();
        this.networkReady = true;
      }
      for (const [file, own] of this.counts) {
        const count = own + this.networkPolicies.findingsFor(file).length;
        result.findings += count;
        if (count > 0) result.filesWithFindings++;
      }
      return result;
    } finally {
      for (const listener of listeners) listener.dispose();
      cancel.dispose();
      progress?.reporter.done();
    }
  }

  /**
   * The watcher saw a file change: re-lint it (if closed and the walk would take it), or clear
   * it (deleted, or now left out); a changed `.gitignore` walks the workspace again. Changes are
   * handled one after the other, in the order they came.
   */
  fileChanged(filePath: string, deleted: boolean): void {
    if (!this.active) return;
    const name = path.basename(filePath);
    if (name === '.gitignore') return this.enqueue(() => this.rewalk());
    if (!isWorkspaceTarget(name)) return;
    this.enqueue(async () => {
      const taken = !deleted && (await this.walkTakes(filePath));
      if (taken) await this.checkFile(filePath, false);
      else this.forget(filePath, true);
      if (engine().kindByName(filePath) === 'yaml') this.scheduleNetworkPolicies();
    });
  }

  /**
   * An open document's analysis, as the session publishes it: the NetworkPolicy findings that land
   * in it, once the whole workspace has been checked (none before, where other files are unknown).
   * Its facts stand in for its saved text's; when they change, the files whose findings change are
   * published again. Code actions ask it too, for the version they answer for (it is idempotent
   * while the facts stay the same).
   */
  openDocumentFindings(uri: string, analysis: Analysis): readonly Finding[] {
    const filePath = filePathOf(uri);
    if (!this.active || !filePath || analysis.kind === 'dockerfile') return [];
    const manifest = analysis.checked && analysis.config && analysis.network ? { fileName: filePath, network: analysis.network, config: analysis.config } : null;
    const changed = this.networkPolicies.openLinted(filePath, manifest);
    if (!this.networkReady) return [];
    void this.publishNetworkPolicies(changed.filter((f) => f !== filePath));
    return this.networkPolicies.findingsFor(filePath);
  }

  /** A document was closed: its disk text's findings stand in for the editor's (the session cleared them otherwise). */
  documentClosed(filePath: string): boolean {
    this.networkPolicies.openClosed(filePath);
    if (!this.active || !isWorkspaceTarget(path.basename(filePath)) || !this.inWorkspace(filePath)) return false;
    this.stamps.delete(filePath);
    this.enqueue(async () => {
      if (await this.walkTakes(filePath)) await this.checkFile(filePath, true);
      // Left out of the workspace (a .gitignore, a dot-folder): its editor findings go.
      else await this.context.connection.sendDiagnostics({ uri: pathToFileURL(filePath).toString(), diagnostics: [] });
      // Its saved text may have changed what the NetworkPolicy check knows of the workspace.
      if (engine().kindByName(filePath) === 'yaml') this.scheduleNetworkPolicies();
    });
    return true;
  }

  /** Settings or a config file changed: every closed file checked before is linted again. */
  configurationChanged(): void {
    if (!this.active) return;
    this.stamps.clear();
    // Typing in an open `.seaworthy.yaml` changes it on every keystroke: re-lint once it rests.
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      void (async () => {
        for (const file of [...this.counts.keys()]) await this.checkFile(file, false);
        await this.refreshNetworkPolicies();
      })();
    }, CONFIG_SETTLE_MS);
  }

  /** Whether the full walk takes `filePath` (host/fileWalk.ts: the one set of rules). */
  private async walkTakes(filePath: string): Promise<boolean> {
    for (const folder of this.context.folders()) {
      if (await walkTakes(folder, filePath, { wanted: isWorkspaceTarget })) return true;
    }
    return false;
  }

  /** A `.gitignore` changed: files it now leaves out lose their diagnostics, files it brings back are checked. */
  private async rewalk(): Promise<void> {
    const files = await workspaceFiles(this.context.folders(), isWorkspaceTarget);
    this.forgetAllBut(files);
    for (const file of files) await this.checkFile(file, false);
    this.scheduleNetworkPolicies();
  }

  /** Clears the files checked before that the walk no longer takes. */
  private forgetAllBut(files: readonly string[]): void {
    const taken = new Set(files);
    for (const file of [...this.counts.keys()]) if (!taken.has(file)) this.forget(file, true);
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((e: unknown) => this.context.log(`the workspace check failed: ${(e as Error)?.stack ?? String(e)}`));
  }

  private inWorkspace(filePath: string): boolean {
    return this.context.folders().some((folder) => {
      const relative = path.relative(folder, filePath);
      return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    });
  }

  private async checkFile(filePath: string, force: boolean): Promise<'checked' | 'unchanged' | 'skipped'> {
    const uri = pathToFileURL(filePath).toString();
    if (this.context.isOpen(uri)) return 'skipped';
    let stamp: string;
    let text: string;
    try {
      const stat = await fs.promises.stat(filePath);
      stamp = `${stat.mtimeMs}:${stat.size}`;
      if (!force && this.stamps.get(filePath) === stamp) return 'unchanged';
      text = await fs.promises.readFile(filePath, 'utf8');
    } catch {
      this.forget(filePath, true);
      return 'skipped';
    }
    const analyzer = this.context.analyzer();
    if (!analyzer.open(uri, 'plaintext')) return 'skipped';
    try {
      const analysis = await analyzer.analyse(TextDocument.create(uri, 'plaintext', 0, text));
      // Opened in the editor meanwhile: the session publishes for it.
      if (!analysis || this.context.isOpen(uri)) return 'skipped';
      const diagnostics = this.context.diagnosticsOf(uri, analysis);
      this.stamps.set(filePath, stamp);
      this.counts.set(filePath, analysis.checked ? analysis.findings.length : 0);
      this.published.set(filePath, diagnostics);
      if (analysis.checked && analysis.config && analysis.network) this.manifests.set(filePath, { fileName: filePath, network: analysis.network, config: analysis.config });
      else this.manifests.delete(filePath);
      await this.context.connection.sendDiagnostics({ uri, diagnostics: this.withNetworkPolicies(filePath, diagnostics) });
      return 'checked';
    } catch (e) {
      this.context.log(`checking ${filePath} failed: ${(e as Error)?.stack ?? String(e)}`);
      return 'skipped';
    } finally {
      analyzer.close(uri);
    }
  }

  private forget(filePath: string, publish: boolean): void {
    this.stamps.delete(filePath);
    this.published.delete(filePath);
    this.manifests.delete(filePath);
    const had = this.counts.delete(filePath);
    const uri = pathToFileURL(filePath).toString();
    // An open document's diagnostics are the session's.
    if (publish && had && !this.context.isOpen(uri)) void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** A file's own diagnostics and, in a checked closed file, the NetworkPolicy findings that land in it. */
  private withNetworkPolicies(filePath: string, diagnostics: Diagnostic[]): Diagnostic[] {
    const found = this.networkPolicies.findingsFor(filePath);
    return found.length === 0 ? diagnostics : [...diagnostics, ...found.map(toDiagnostic)];
  }

  /** Recomputes the NetworkPolicy check over the workspace's manifests and republishes the closed files it changed. */
  private async refreshNetworkPolicies(): Promise<void> {
    await this.publishNetworkPolicies(this.networkPolicies.refresh([...this.manifests.values()]));
  }

  /** Publishes again the files whose NetworkPolicy findings changed: closed ones here, open ones by the session. */
  private async publishNetworkPolicies(changed: readonly string[]): Promise<void> {
    for (const filePath of changed) {
      const own = this.published.get(filePath);
      const uri = pathToFileURL(filePath).toString();
      if (this.context.isOpen(uri)) {
        if (this.networkReady) this.context.republish(uri);
        continue;
      }
      if (own) await this.context.connection.sendDiagnostics({ uri, diagnostics: this.withNetworkPolicies(filePath, own) });
    }
  }

  /** Files changed on disk: the NetworkPolicy check runs again once they settle (not per change). */
  private scheduleNetworkPolicies(): void {
    if (this.policyRefresh) clearTimeout(this.policyRefresh);
    this.policyRefresh = setTimeout(() => {
      this.policyRefresh = undefined;
      void this.refreshNetworkPolicies();
    }, CONFIG_SETTLE_MS);
  }

  /** Registers a watcher for the files the check covers (once), when the client lets the server. */
  private async watch(): Promise<void> {
    if (this.watching || !this.context.capabilities().workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    this.watching = true;
    await this.context.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WORKSPACE_GLOBS.map((globPattern) => ({ globPattern })) });
  }
}

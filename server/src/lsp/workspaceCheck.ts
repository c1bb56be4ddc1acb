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
} from 'vscode-languageserver/node';
import ignore, { type Ignore } from 'ignore';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SeaworthyConfig } from '../engine';
import type { Analysis, Analyzer } from './analysis';
import { isConfigPath } from './configFiles';
import { toDiagnostic } from './diagnostics';
import { engine } from './engine';
import type { CheckWorkspaceParams, CheckWorkspaceResult } from './protocol';
import { NetworkPolicyCheck } from './networkPolicyCheck';
import { workDoneProgressFor } from './workDoneProgress';

/** Folders never walked into, as for the CLI: dependencies; dot-folders are skipped too. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/**
 * The files under the workspace folders that `wanted` accepts (by name), walked the way the CLI
 * walks a folder (dot-folders and `node_modules` skipped, symbolic links followed once), and
 * leaving out what a `.gitignore` on the way names. Asynchronous, one folder at a time, so the
 * server keeps answering; stops early when `token` is cancelled.
 */
export async function workspaceFiles(folders: readonly string[], wanted: (name: string) => boolean, token?: CancellationToken): Promise<string[]> {
  const found: string[] = [];
  const visited = new Set<string>();
  const stack: { dir: string; ignores: readonly GitIgnore[] }[] = [...folders].reverse().map((dir) => ({ dir, ignores: [] }));
  while (stack.length > 0 && !token?.isCancellationRequested) {
    const { dir, ignores: outer } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      const real = await fs.promises.realpath(dir);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable or gone: nothing to check there
    }
    const own = entries.some((e) => e.name === '.gitignore') ? await gitIgnoreIn(dir) : null;
    const ignores = own ? [...outer, own] : outer;
    const subfolders: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.promises.stat(full);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue;
        }
      }
      if (isDirectory) {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name) && !gitIgnored(ignores, full, true)) subfolders.push(full);
      } else if (isFile && wanted(entry.name) && !gitIgnored(ignores, full, false)) {
        found.push(full);
      }
    }
    for (const sub of subfolders.reverse()) stack.push({ dir: sub, ignores });
  }
  return found;
}

/** One folder's `.gitignore`, read by the `ignore` package (git's own pattern rules). */
interface GitIgnore {
  base: string;
  rules: Ignore;
}

/**
 * A folder's `.gitignore`. Its patterns mean what they mean to git: `/build` only beside the
 * file, `build/` only folders, `!keep.yaml` brings a file back.
 */
async function gitIgnoreIn(dir: string): Promise<GitIgnore | null> {
  let text: string;
  try {
    text = await fs.promises.readFile(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return null;
  }
  // Case as git takes it by default: exact on Linux, folded where the file system folds it.
  return { base: dir, rules: ignore({ ignorecase: process.platform !== 'linux' }).add(text) };
}

/**
 * Whether the `.gitignore` files on the way to `full` leave it out. As in git, the deepest file
 * that has a say wins (a nested `!name` brings back what an outer file ignored), and nothing
 * inside an ignored folder comes back: the walk never enters one.
 */
function gitIgnored(ignores: readonly GitIgnore[], full: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const { base, rules } of ignores) {
    const relative = path.relative(base, full).split(path.sep).join('/');
    const verdict = rules.test(isDirectory ? `${relative}/` : relative);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
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
  log: (message: string) => void;
}

/** Dockerfiles, manifests and Compose files by name; `.seaworthy.yaml` is published on its own. */
function isWorkspaceTarget(name: string): boolean {
  return engine().kindByName(name) !== 'unknown' && !isConfigPath(name);
}

const CONFIG_SETTLE_MS = 200;

/** The watcher the server registers once the workspace is checked. */
export const WORKSPACE_GLOBS = ['**/{Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*,*.dockerfile,*.containerfile,Containerfile.*}', '**/*.{yaml,yml}'];

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
  private readonly manifests = new Set<string>();
  private readonly configs = new Map<string, SeaworthyConfig>();
  private readonly published = new Map<string, Diagnostic[]>();
  private policyRefresh: ReturnType<typeof setTimeout> | undefined;

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
      for (const file of files) if (engine().kindByName(file) === 'yaml') this.manifests.add(file);
      for (const [index, file] of files.entries()) {
        if (cancel.token.isCancellationRequested) break;
        if (index % 20 === 0) progress?.reporter.report(Math.floor((index / files.length) * 100), `${index} of ${files.length} files`);
        const outcome = await this.checkFile(file, false);
        if (outcome === 'checked') result.checked++;
        else if (outcome === 'unchanged') result.unchanged++;
      }
      result.cancelled = cancel.token.isCancellationRequested;
      if (!result.cancelled) await this.refreshNetworkPolicies();
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

  /** The watcher saw a file change: re-lint it (if closed), or clear a deleted one. */
  fileChanged(filePath: string, deleted: boolean): void {
    if (!this.active || !isWorkspaceTarget(path.basename(filePath))) return;
    if (engine().kindByName(filePath) === 'yaml') {
      if (deleted) this.manifests.delete(filePath);
      else this.manifests.add(filePath);
      this.scheduleNetworkPolicies();
    }
    if (deleted) return this.forget(filePath, true);
    void this.checkFile(filePath, false);
  }

  /** A document was closed: its disk text's findings stand in for the editor's (the session cleared them otherwise). */
  documentClosed(filePath: string): boolean {
    if (!this.active || !isWorkspaceTarget(path.basename(filePath)) || !this.inWorkspace(filePath)) return false;
    this.stamps.delete(filePath);
    void this.checkFile(filePath, true);
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
      if (analysis.checked && analysis.config) this.configs.set(filePath, analysis.config);
      else this.configs.delete(filePath);
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
    this.configs.delete(filePath);
    const had = this.counts.delete(filePath);
    if (publish && had) void this.context.connection.sendDiagnostics({ uri: pathToFileURL(filePath).toString(), diagnostics: [] });
  }

  /** A file's own diagnostics and, in a checked closed file, the NetworkPolicy findings that land in it. */
  private withNetworkPolicies(filePath: string, diagnostics: Diagnostic[]): Diagnostic[] {
    const found = this.configs.has(filePath) ? this.networkPolicies.findingsFor(filePath) : [];
    return found.length === 0 ? diagnostics : [...diagnostics, ...found.map(toDiagnostic)];
  }

  /** Recomputes the NetworkPolicy check over the workspace's manifests and republishes the closed files it changed. */
  private async refreshNetworkPolicies(): Promise<void> {
    const changed = await this.networkPolicies.refresh([...this.manifests], (f) => this.configs.get(f));
    for (const filePath of changed) {
      const own = this.published.get(filePath);
      const uri = pathToFileURL(filePath).toString();
      if (!own || this.context.isOpen(uri)) continue;
      await this.context.connection.sendDiagnostics({ uri, diagnostics: this.withNetworkPolicies(filePath, own) });
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

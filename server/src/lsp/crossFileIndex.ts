import * as fs from 'fs';
import type { CrossFileFacts } from '../engine';
import { filePathOf } from './analysis';
import { engine } from './engine';
import { workspaceFiles } from './workspaceCheck';

/**
 * What the workspace's manifests tell the lint of the others: the Pod Security labels of its
 * Namespaces (`pod-security.kubernetes.io/enforce` and `-version`), so that a Deployment is judged
 * at the level its namespace enforces, and its Roles and ClusterRoles, so that a RoleBinding is
 * judged by the role it names, when those are in another file, as `seaworthy check` does across
 * the files it checks.
 *
 * Read once from disk (every `*.yaml`/`*.yml` under the workspace folders, walked as "Check
 * Workspace" walks them; only the documents that can hold one are parsed), then kept current:
 * an open document's facts come from its lint as typed (`documentLinted`, nothing parsed again),
 * a closed or changed file's from disk (closes, saves and the file watcher's reports). When the
 * merged facts change, `changed` is called (the session re-checks every document); a lint that
 * leaves a document's facts as they were costs one comparison.
 */
export class CrossFileIndex {
  /** By file path: the facts of the file as saved. */
  private readonly onDisk = new Map<string, CrossFileFacts>();
  /** By URI: an open document's facts as last linted, with their key (these win over the same file on disk). */
  private readonly open = new Map<string, { facts: CrossFileFacts; key: string }>();
  private scan: Promise<void> | null = null;
  private merged: CrossFileFacts | undefined;
  private key = '';

  constructor(
    private readonly folders: () => readonly string[],
    private readonly changed: () => void,
  ) {}

  /** The facts to lint with; the first call waits for the workspace to be read. */
  async facts(): Promise<CrossFileFacts | undefined> {
    this.scan ??= this.readWorkspace();
    await this.scan;
    return this.merged;
  }

  /**
   * An open document was linted and these are its facts (`LintOutput.crossFile`); null when it is
   * not checked (disabled, ignored), where its saved text counts as for a closed file.
   */
  documentLinted(uri: string, facts: CrossFileFacts | undefined | null): void {
    if (facts === null) {
      if (this.open.delete(uri)) this.update();
      return;
    }
    const key = facts ? engine().crossFileFactsKey(facts) : '';
    if (this.open.get(uri)?.key === key) return;
    this.open.set(uri, { facts: facts ?? { namespaces: new Map(), roles: new Map() }, key });
    this.update();
  }

  /** A document was closed: the file's saved text counts again. */
  documentClosed(uri: string): void {
    if (!this.open.delete(uri)) return;
    const filePath = filePathOf(uri);
    if (filePath) this.readFile(filePath);
    this.update();
  }

  /** A file changed on disk (save, the watcher). */
  fileChanged(filePath: string, deleted: boolean): void {
    if (!/\.ya?ml$/i.test(filePath)) return;
    if (deleted) this.onDisk.delete(filePath);
    else this.readFile(filePath);
    this.update();
  }

  /** Workspace folders were added or removed: read them again. */
  foldersChanged(): void {
    if (!this.scan) return;
    this.scan = this.readWorkspace(true);
  }

  private async readWorkspace(notify = false): Promise<void> {
    const files = await workspaceFiles(this.folders(), (name) => /\.ya?ml$/i.test(name));
    this.onDisk.clear();
    for (const file of files) this.readFile(file);
    this.update(notify);
  }

  private readFile(filePath: string): void {
    try {
      if (fs.statSync(filePath).size > engine().MAX_FILE_CHARS) throw new Error('too large');
      const facts = engine().crossFileFactsOf(fs.readFileSync(filePath, 'utf8'));
      if (engine().isEmptyFacts(facts)) this.onDisk.delete(filePath);
      else this.onDisk.set(filePath, facts);
    } catch {
      // Unreadable, gone or too large: it tells nothing (checking it says why).
      this.onDisk.delete(filePath);
    }
  }

  /** Merges disk and open documents (open ones last, so they win) and reports a change. */
  private update(notify = true): void {
    const openPaths = new Set([...this.open.keys()].map(filePathOf));
    const saved = [...this.onDisk].filter(([filePath]) => !openPaths.has(filePath)).sort(([a], [b]) => (a < b ? -1 : 1));
    const merged = engine().joinFacts([...saved.map(([, facts]) => facts), ...[...this.open.values()].map((o) => o.facts)]);
    const key = engine().crossFileFactsKey(merged);
    this.merged = engine().isEmptyFacts(merged) ? undefined : merged;
    if (key === this.key) return;
    this.key = key;
    if (notify && this.scan) this.changed();
  }
}

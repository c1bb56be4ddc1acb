import * as fs from 'fs';
import type { NamespaceLevels, NamespacePodSecurity } from '../engine';
import { filePathOf } from './analysis';
import { engine } from './engine';
import { workspaceFiles } from './workspaceCheck';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

type Levels = Map<string, NamespacePodSecurity>;

/**
 * The Pod Security labels of the workspace's Namespaces (`pod-security.kubernetes.io/enforce`
 * and `-version`), so that a Deployment is judged at the level its namespace enforces when the
 * Namespace is in another file, as `seaworthy check` does across the files it checks.
 *
 * Read once from disk (every `*.yaml`/`*.yml` under the workspace folders, walked as "Check
 * Workspace" walks them), then kept current from the open documents as typed, saves, closes and
 * the file watcher's reports. When the merged labels change, `changed` is called (the session
 * re-checks every document); edits that do not touch a label cost one `includes`.
 */
export class NamespaceIndex {
  /** By file path: the labels in the file as saved. */
  private readonly onDisk = new Map<string, Levels>();
  /** By URI: the labels in an open document as typed (these win over the same file on disk). */
  private readonly open = new Map<string, Levels>();
  private scan: Promise<void> | null = null;
  private merged: NamespaceLevels | undefined;
  private key = '';

  constructor(
    private readonly folders: () => readonly string[],
    private readonly changed: () => void,
  ) {}

  /** The labels to lint with; the first call waits for the workspace to be read. */
  async levels(): Promise<NamespaceLevels | undefined> {
    this.scan ??= this.readWorkspace();
    await this.scan;
    return this.merged;
  }

  /** An open document's text (on open and on every edit). */
  documentChanged(uri: string, text: string): void {
    if (!text.includes(ENFORCE) && !this.open.has(uri)) return;
    const levels = text.includes(ENFORCE) ? engine().namespaceLevelsIn(text) : new Map<string, NamespacePodSecurity>();
    if (levels.size === 0) this.open.delete(uri);
    else this.open.set(uri, levels);
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
      const text = fs.readFileSync(filePath, 'utf8');
      const levels = text.includes(ENFORCE) ? engine().namespaceLevelsIn(text) : null;
      if (levels && levels.size > 0) this.onDisk.set(filePath, levels);
      else this.onDisk.delete(filePath);
    } catch {
      // Unreadable, gone or too large: it sets no level (checking it says why).
      this.onDisk.delete(filePath);
    }
  }

  /** Merges disk and open documents (open ones last, so they win) and reports a change. */
  private update(notify = true): void {
    const openPaths = new Set([...this.open.keys()].map(filePathOf));
    const merged = new Map<string, NamespacePodSecurity>();
    for (const [filePath, levels] of [...this.onDisk].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!openPaths.has(filePath)) for (const [name, level] of levels) merged.set(name, level);
    }
    for (const levels of this.open.values()) for (const [name, level] of levels) merged.set(name, level);
    const key = engine().namespaceLevelsKey(merged);
    this.merged = merged.size > 0 ? merged : undefined;
    if (key === this.key) return;
    this.key = key;
    if (notify && this.scan) this.changed();
  }
}

import * as path from 'path';
import type { InitializeParams, WorkspaceFolder, WorkspaceFoldersChangeEvent } from './languageServer';
import { filePathOf } from './analysis';

/** The workspace folders on disk; settings' `ignorePaths` are relative to the one holding a file. */
export class WorkspaceFolders {
  private folders: string[] = [];

  constructor(params: InitializeParams) {
    const initial: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    this.add(initial);
  }

  changed(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((f) => filePathOf(f.uri)));
    this.folders = this.folders.filter((f) => !removed.has(f));
    this.add(event.added);
  }

  /** Every folder, in the order the client gave them. */
  all(): readonly string[] {
    return this.folders;
  }

  /** The innermost folder containing `filePath`, or null. */
  folderOf(filePath: string): string | null {
    let best: string | null = null;
    for (const folder of this.folders) {
      const relative = path.relative(folder, filePath);
      const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
      if (inside && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }

  /** The innermost folder holding the document at `uri`, or null (outside them, or not a `file:` URI). */
  folderOfUri(uri: string): string | null {
    const filePath = filePathOf(uri);
    return filePath === null ? null : this.folderOf(filePath);
  }

  /**
   * How a user names `filePath` in messages: relative to its workspace folder (prefixed with the
   * folder's name when there are several, as VS Code labels them), absolute when it is outside.
   */
  label(filePath: string): string {
    const folder = this.folderOf(filePath);
    if (!folder) return filePath;
    const relative = path.relative(folder, filePath).split(path.sep).join('/');
    return this.folders.length > 1 ? `${path.basename(folder)}/${relative}` : relative;
  }

  private add(folders: readonly WorkspaceFolder[]): void {
    for (const f of folders) {
      const p = filePathOf(f.uri);
      if (p && !this.folders.includes(p)) this.folders.push(p);
    }
  }
}

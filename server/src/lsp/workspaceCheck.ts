import * as fs from 'fs';
import * as path from 'path';
import type { CancellationToken } from 'vscode-languageserver/node';
import { engine } from './engine';

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
    const ignored = (full: string): boolean => ignores.length > 0 && engine().isIgnored(full, ignores);
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
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name) && !ignored(full)) subfolders.push(full);
      } else if (isFile && wanted(entry.name) && !ignored(full)) {
        found.push(full);
      }
    }
    for (const sub of subfolders.reverse()) stack.push({ dir: sub, ignores });
  }
  return found;
}

interface GitIgnore {
  base: string;
  globs: string[];
}

/**
 * A folder's `.gitignore` as `ignorePaths`-style globs. Negations (`!keep.yaml`) are not
 * supported and dropped; a leading `/` is dropped too, so `/build` also matches a deeper `build`.
 */
async function gitIgnoreIn(dir: string): Promise<GitIgnore | null> {
  let text: string;
  try {
    text = await fs.promises.readFile(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return null;
  }
  const globs = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
    .map((line) => line.replace(/^\//, ''))
    .filter((line) => line !== '');
  return globs.length > 0 ? { base: dir, globs } : null;
}

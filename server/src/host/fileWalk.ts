import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';

/**
 * Which files a folder holds for checking, the one set of rules for `seaworthy check FOLDER` and
 * the editor's Check Workspace (its full walk and its file watcher): dot-folders and
 * `node_modules` are never entered (unless the walk starts in one), symbolic links are followed
 * once, and what the `.gitignore` files name is left out, read as git reads them. The files of the
 * enclosing repository above the starting folder count too, up to the folder holding `.git`.
 */

/** Folders a walk never enters: dependencies, and any dot-folder (`.git`, `.venv`, …). */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export interface WalkOptions {
  /** The files to take, by name. */
  wanted: (name: string) => boolean;
  /** Leave out what `.gitignore` files name (default true; `seaworthy check --no-gitignore` turns it off). */
  gitignore?: boolean;
  /** A folder that could not be read: the walk goes on without it. */
  unreadable?: (folder: string, error: unknown) => void;
  /** Stops the walk early (what was found so far is returned). */
  token?: { readonly isCancellationRequested: boolean };
}

/**
 * The files under `roots` that the rules above take, depth first with each folder's entries in
 * code-unit order. Asynchronous, one folder at a time, so a language server keeps answering.
 */
export async function walkFiles(roots: readonly string[], options: WalkOptions): Promise<string[]> {
  const found: string[] = [];
  const visited = new Set<string>();
  const useGitIgnore = options.gitignore !== false;
  const visit = async (dir: string, outer: readonly GitIgnore[]): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      const real = await fs.promises.realpath(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      options.unreadable?.(dir, e);
      return;
    }
    const own = useGitIgnore && entries.some((e) => e.name === '.gitignore') ? await gitIgnoreIn(dir) : null;
    const ignores = own ? [...outer, own] : outer;
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (options.token?.isCancellationRequested) return;
      const full = path.join(dir, entry.name);
      const type = await entryType(entry, full);
      if (type === 'folder') {
        if (!isSkippedFolder(entry.name) && !gitIgnored(ignores, full, true)) await visit(full, ignores);
      } else if (type === 'file' && options.wanted(entry.name) && !gitIgnored(ignores, full, false)) {
        found.push(full);
      }
    }
  };
  for (const root of roots) {
    if (options.token?.isCancellationRequested) break;
    await visit(root, useGitIgnore ? await enclosingGitIgnores(root) : []);
  }
  return found;
}

/**
 * Whether a walk of `root` takes `file`: the same rules, for one file named from elsewhere (a
 * file watcher), without walking the folder.
 */
export async function walkTakes(root: string, file: string, options: Pick<WalkOptions, 'wanted' | 'gitignore'>): Promise<boolean> {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) || !options.wanted(path.basename(file))) return false;
  const useGitIgnore = options.gitignore !== false;
  let ignores = useGitIgnore ? await enclosingGitIgnores(root) : [];
  let dir = root;
  const names = relative.split(path.sep);
  for (const [index, name] of names.entries()) {
    const isFolder = index < names.length - 1;
    if (isFolder && isSkippedFolder(name)) return false;
    const own = useGitIgnore ? await gitIgnoreIn(dir) : null;
    if (own) ignores = [...ignores, own];
    const full = path.join(dir, name);
    if (gitIgnored(ignores, full, isFolder)) return false;
    dir = full;
  }
  return true;
}

async function entryType(entry: fs.Dirent, full: string): Promise<'file' | 'folder' | 'other'> {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
  try {
    const target = await fs.promises.stat(full);
    return target.isDirectory() ? 'folder' : target.isFile() ? 'file' : 'other';
  } catch {
    return 'other'; // a dangling link names nothing to check
  }
}

/** One folder's `.gitignore`, read by the `ignore` package (git's own pattern rules). */
interface GitIgnore {
  base: string;
  rules: Ignore;
}

/**
 * A folder's `.gitignore`, or null when it has none. Its patterns mean what they mean to git:
 * `/build` only beside the file, `build/` only folders, `!keep.yaml` brings a file back.
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
 * The `.gitignore` files above `root` that git applies to it: those of the folders up to the
 * repository's top (the folder holding `.git`), outermost first. None when `root` is the top or
 * is in no repository.
 */
async function enclosingGitIgnores(root: string): Promise<GitIgnore[]> {
  const above: string[] = [];
  let dir = path.resolve(root);
  for (;;) {
    if (await exists(path.join(dir, '.git'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) return []; // no repository: nothing above counts
    above.unshift(parent);
    dir = parent;
  }
  const found = await Promise.all(above.map(gitIgnoreIn));
  return found.filter((g): g is GitIgnore => g !== null);
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.lstat(file);
    return true;
  } catch {
    return false;
  }
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

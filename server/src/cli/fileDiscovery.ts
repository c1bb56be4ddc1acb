import * as fs from 'fs';
import * as path from 'path';
import { kindByName } from '../engine';
import { walkFiles } from '../host/fileWalk';
import { reasonOf } from './fileSystemErrors';
// `require`, not `import`: esbuild would pick tinyglobby's ES module build, whose fdir dependency
// calls createRequire(import.meta.url), which is undefined in the CommonJS bundle.
import tinyglobby = require('tinyglobby');

const { globSync, isDynamicPattern } = tinyglobby;

/** A file to check. */
export interface Target {
  abs: string;
  /** As the user sees it: relative to the working directory (or absolute when typed so), `/` separated. */
  display: string;
  /** Named on the command line rather than found in a folder or by a glob. */
  explicit: boolean;
}

export interface Discovery {
  targets: Target[];
  /** Input errors (exit code 2): a named path that does not exist, a folder that cannot be read. */
  errors: string[];
  /** Worth saying, not wrong: an empty folder, a glob that matched nothing, a file of no known kind. */
  notes: string[];
}

export interface DiscoveryOptions {
  /** Leave out of folder walks what `.gitignore` files name (`--no-gitignore` turns it off). */
  gitignore: boolean;
}

/**
 * Turns the command line's paths and globs into files: a file is taken as named, a folder is
 * walked for Dockerfiles (by name) and YAML files as Check Workspace walks one (host/fileWalk.ts:
 * dot-folders, `node_modules` and, unless turned off, what `.gitignore` files name are left out),
 * and a path that does not exist but looks like a glob is expanded with tinyglobby.
 */
export async function discoverTargets(inputs: readonly string[], cwd: string, options: DiscoveryOptions = { gitignore: true }): Promise<Discovery> {
  const out: Discovery = { targets: [], errors: [], notes: [] };
  const seen = new Set<string>();
  const add = (abs: string, input: string, explicit: boolean): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.targets.push({ abs, display: displayOf(abs, input, cwd), explicit });
  };
  for (const input of inputs.length > 0 ? inputs : ['.']) {
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !isDynamicPattern(input)) {
        out.errors.push(`${shown(input)}: ${reasonOf(e)}`);
        continue;
      }
    }
    const before = out.targets.length;
    if (stat === null) {
      for (const file of expandGlob(input, cwd)) add(file, input, false);
      if (out.targets.length === before) out.notes.push(`${shown(input)}: no Dockerfile or YAML file matches this glob`);
    } else if (stat.isDirectory()) {
      const files = await walkFiles([abs], {
        wanted: (name) => kindByName(name) !== 'unknown',
        gitignore: options.gitignore,
        unreadable: (folder, error) => out.errors.push(`${displayOf(folder, input, cwd)}: cannot read folder: ${reasonOf(error)}`),
      });
      for (const file of files) add(file, input, false);
      if (out.targets.length === before) out.notes.push(`${shown(input)}: no Dockerfile, Containerfile or YAML file to check in this folder`);
    } else if (!stat.isFile()) {
      out.errors.push(`${shown(input)}: not a regular file`);
    } else if (kindByName(abs) === 'unknown') {
      out.notes.push(`${shown(input)}: skipped, not a Dockerfile, Containerfile or YAML file (by its name)`);
    } else {
      add(abs, input, true);
    }
  }
  return out;
}

function shown(input: string): string {
  return input.split(path.sep).join('/');
}

function displayOf(abs: string, input: string, cwd: string): string {
  if (path.isAbsolute(input)) return abs.split(path.sep).join('/');
  const relative = path.relative(cwd, abs);
  return (relative === '' ? path.basename(abs) : relative).split(path.sep).join('/');
}

function expandGlob(pattern: string, cwd: string): string[] {
  return globSync(pattern, {
    cwd,
    absolute: true,
    dot: false,
    onlyFiles: true,
    ignore: ['**/node_modules/**', '**/.git/**'],
  })
    .map((f) => path.resolve(f))
    .filter((f) => kindByName(f) !== 'unknown')
    .sort();
}

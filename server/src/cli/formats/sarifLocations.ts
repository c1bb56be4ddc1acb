import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Range } from '../../engine';

/** What every SARIF log Seaworthy writes shares: the schema, and file locations under `%SRCROOT%`. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

/** 1-based lines and columns with an exclusive end column, from a 0-based LSP range. */
export function regionOf(r: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** Relative to `%SRCROOT%` whenever the file is under it (even when typed as an absolute path). */
export function artifactLocationOf(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) {
    const relative = path.relative(cwd, file);
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
    file = relative.split(path.sep).join('/');
  }
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

export function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

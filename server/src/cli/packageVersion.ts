import * as fs from 'fs';
import * as path from 'path';

/**
 * The version in Seaworthy's package.json, read at run time: from `dist/cli.js` it is one folder
 * up, from the compiled `out/server/cli/` three. The package is found by its name, never guessed.
 */
export function packageVersion(): string {
  let folder = __dirname;
  for (let depth = 0; depth < 5; depth++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'seaworthy' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here; look one folder up
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return '0.0.0';
}

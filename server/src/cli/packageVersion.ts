import * as fs from 'fs';
import * as path from 'path';

/**
 * Seaworthy's own package.json, read at run time: from `dist/cli.js` it is one folder up, from the
 * compiled `out/server/cli/` three. The package is found by its name, never guessed.
 */
export function ownPackageJson(): Record<string, unknown> | null {
  let folder = __dirname;
  for (let depth = 0; depth < 5; depth++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
      if (pkg.name === 'seaworthy') return pkg;
    } catch {
      // not here; look one folder up
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return null;
}

/** The version in Seaworthy's package.json. */
export function packageVersion(): string {
  const version = ownPackageJson()?.version;
  return typeof version === 'string' ? version : '0.0.0';
}

import type * as ScanParts from './scanParts';

/**
 * The image scanners (the built-in one with its registry client, archive readers and OSV
 * matching; the external ones; the report formats) are loaded the first time a scan, a digest
 * pin or a scan report is asked for: most sessions never scan, and compiling them made up
 * about a third of the server's bundle at every start. The bundle maps exactly this specifier
 * to `./scan.js` next to `dist/server.js` (scripts/bundle.js); in `out/` it is a plain require.
 */
let loaded: typeof ScanParts | undefined;

export function scanModule(): typeof ScanParts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./scanParts') as typeof ScanParts;
  return loaded;
}

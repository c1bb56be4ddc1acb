import type { InstalledPackage } from './package';

/** `…/node_modules/name/package.json` and `…/node_modules/@scope/name/package.json`: an installed npm package's manifest. */
const NPM_MANIFEST = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/;

export function isNpmManifest(filePath: string): boolean {
  return NPM_MANIFEST.test(filePath);
}

/** The package a `node_modules/…/package.json` installs: its `name` and `version` (the folder's name when `name` is absent); none when unreadable. */
export function parseNpmManifest(text: string, filePath: string): InstalledPackage[] {
  let manifest: { name?: unknown; version?: unknown };
  try {
    manifest = JSON.parse(text) as { name?: unknown; version?: unknown };
  } catch {
    return [];
  }
  const folder = NPM_MANIFEST.exec(filePath)?.[1];
  const name = typeof manifest?.name === 'string' && manifest.name !== '' ? manifest.name : folder;
  if (!name || typeof manifest.version !== 'string' || manifest.version === '') return [];
  return [{ name, version: manifest.version, type: 'npm', source: null, architecture: null, foundIn: `/${filePath}` }];
}

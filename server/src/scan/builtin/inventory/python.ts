import type { InstalledPackage } from './package';

/** A wheel's `…/site-packages/NAME-VERSION.dist-info/METADATA`, or an egg's `…/NAME.egg-info/PKG-INFO`. */
const PYTHON_METADATA = /(?:^|\/)(?:site|dist)-packages\/[^/]+\.(?:dist-info\/METADATA|egg-info\/PKG-INFO)$/;

export function isPythonMetadata(filePath: string): boolean {
  return PYTHON_METADATA.test(filePath);
}

/** The distribution a core-metadata file describes (its `Name:` and `Version:` headers, before the body). */
export function parsePythonMetadata(text: string, filePath: string): InstalledPackage[] {
  const headers = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0 && !/^\s/.test(line)) {
      const key = line.slice(0, colon).toLowerCase();
      if (!headers.has(key)) headers.set(key, line.slice(colon + 1).trim());
    }
  }
  const name = headers.get('name');
  const version = headers.get('version');
  return name && version ? [{ name, version, type: 'pypi', source: null, architecture: null, foundIn: `/${filePath}` }] : [];
}

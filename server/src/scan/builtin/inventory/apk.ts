import type { InstalledPackage } from './package';

/** Packages from Alpine's `/lib/apk/db/installed`: paragraphs of `X:value` lines (P name, V version, A arch, o origin). */
export function parseApkInstalled(text: string, foundIn: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of paragraph.split('\n')) {
      if (line.length > 2 && line[1] === ':' && !fields.has(line[0] as string)) fields.set(line[0] as string, line.slice(2).trim());
    }
    const name = fields.get('P');
    const version = fields.get('V');
    if (!name || !version) continue;
    const origin = fields.get('o') ?? null;
    packages.push({ name, version, type: 'apk', source: origin && origin !== name ? origin : null, architecture: fields.get('A') ?? null, foundIn });
  }
  return packages;
}

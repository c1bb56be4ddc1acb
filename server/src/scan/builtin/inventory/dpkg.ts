import type { InstalledPackage } from './package';

/**
 * Packages from a dpkg status file (`/var/lib/dpkg/status`, or one file of `status.d/` as
 * distroless keeps it): paragraphs of `Field: value` lines; only those whose `Status` says
 * installed (status.d files have no Status, and are installed by being there).
 */
export function parseDpkgStatus(text: string, foundIn: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last = '';
    for (const line of paragraph.split('\n')) {
      if (/^\s/.test(line)) continue; // continuation of a multi-line field (Description, Conffiles)
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).toLowerCase();
      fields.set(last, line.slice(colon + 1).trim());
    }
    const name = fields.get('package');
    const version = fields.get('version');
    if (!name || !version) continue;
    const status = fields.get('status');
    if (status !== undefined && !/\sinstalled$/.test(status)) continue;
    // `Source: openssl (3.0.11-1)` names the source package and, when it differs, its version.
    const source = fields.get('source')?.split(' ')[0] ?? null;
    packages.push({ name, version, type: 'deb', source: source && source !== name ? source : null, architecture: fields.get('architecture') ?? null, foundIn });
  }
  return packages;
}

import { hasEnded, findCycle } from '../../engine/catalogue/imageTags';
import { releaseName } from '../../engine/catalogue/lookup';
import { OS_RELEASES, OS_TITLES, type OsReleaseName } from '../../engine/catalogue/osReleases';
import type { ReleaseCycle } from '../../engine/catalogue/types';

export interface OsReleaseFacts {
  /** `ID`: debian, ubuntu, alpine, … */
  id: string;
  /** `VERSION_ID`: `12`, `24.04`, `3.21.2`. */
  versionId: string;
  prettyName: string;
  /** The catalogue's release line, when it knows the OS. */
  cycle: ReleaseCycle | null;
  /** `Debian 12 (bookworm)`. */
  release: string;
}

/** Reads `/etc/os-release` (`KEY=value`, values optionally quoted). */
export function parseOsRelease(text: string): OsReleaseFacts | null {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields.set(match[1] as string, (match[2] as string).replace(/^(["'])(.*)\1$/, '$2'));
  }
  const id = fields.get('ID')?.toLowerCase();
  if (!id) return null;
  const versionId = fields.get('VERSION_ID') ?? fields.get('VERSION_CODENAME') ?? '';
  const known = id in OS_RELEASES ? (id as OsReleaseName) : null;
  const cycle = known && versionId ? findCycle(OS_RELEASES[known], versionId) : null;
  return {
    id,
    versionId,
    prettyName: fields.get('PRETTY_NAME') ?? `${id} ${versionId}`,
    cycle,
    release: known && cycle ? releaseName(OS_TITLES[known], cycle) : (fields.get('PRETTY_NAME') ?? `${id} ${versionId}`),
  };
}

/** Whether the OS release has left (regular) security support on `today` (`YYYY-MM-DD`). */
export function osHasEnded(os: OsReleaseFacts, today: string): boolean {
  return os.cycle !== null && hasEnded(os.cycle, today);
}

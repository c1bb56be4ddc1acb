import { OS_CODENAMES, OS_RELEASES, type OsReleaseName } from './osReleases';
import type { ReleaseCycle } from './types';

/**
 * A tag read the way the official images name them: a version, then `-`-separated words
 * (`3.12.4-slim-bookworm`, `20-alpine3.20`, `21-jre-noble`, `latest`). Alpine's release rides on
 * its word (`alpine3.20`); Debian and Ubuntu releases are codenames (`bookworm`, `noble`).
 */
export interface TagWords {
  /** The leading version as written (`3.12.4`), or null (`slim`, `latest`, no tag). */
  version: string | null;
  /** The other words, lower-cased, with `alpine3.20` also giving `alpine`. */
  words: ReadonlySet<string>;
  /** The OS release a word names, if any. */
  os: { name: OsReleaseName; cycle: ReleaseCycle | null; written: string } | null;
  /** A Windows image: none of the Linux facts apply. */
  windows: boolean;
}

/** `3.12.4`, `v1.2`, and Temurin's `21.0.5_11` (the build number after `_` is not part of the line). */
const VERSION = /^v?\d+(?:\.\d+)*(?:_\d+)?$/;

export function readTag(tag: string | null, versionAliases: ReadonlyMap<string, string> = new Map()): TagWords {
  const parts = (tag ?? 'latest').toLowerCase().split('-');
  let version: string | null = null;
  const first = parts[0] ?? '';
  if (VERSION.test(first)) {
    version = first.replace(/^v/, '').replace(/_\d+$/, '');
    parts.shift();
  } else if (versionAliases.has(first)) {
    version = versionAliases.get(first) ?? null;
    parts.shift();
  }
  const words = new Set<string>();
  let os: TagWords['os'] = null;
  for (const word of parts) {
    words.add(word);
    const alpine = /^alpine(\d+\.\d+)(?:\.\d+)?$/.exec(word);
    if (alpine) {
      words.add('alpine');
      os = { name: 'alpine', cycle: findCycle(OS_RELEASES.alpine, alpine[1] ?? ''), written: word };
      continue;
    }
    const named = OS_CODENAMES.get(word);
    if (named) os = { name: named.os, cycle: named.cycle, written: word };
  }
  const windows = [...words].some((w) => w.startsWith('windowsservercore') || w.startsWith('nanoserver') || w.startsWith('ltsc'));
  return { version, words, os, windows };
}

/** The release line a version belongs to: `3.12.4` → `3.12`, `20.11.1` → `20`, `bookworm` by codename. */
export function findCycle(cycles: readonly ReleaseCycle[], version: string): ReleaseCycle | null {
  let best: ReleaseCycle | null = null;
  for (const c of cycles) {
    if (c.cycle === version || c.codenames?.includes(version)) return c;
    // The longest cycle that is a dotted prefix: `1.23.4` is `1.23`, not `1`.
    if (version.startsWith(`${c.cycle}.`) && (!best || c.cycle.length > best.cycle.length)) best = c;
  }
  return best;
}

/** Numeric order of dotted versions: `3.9` < `3.10`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Ended on or before `today` (`YYYY-MM-DD` strings compare as dates). */
export function hasEnded(cycle: ReleaseCycle, today: string): boolean {
  return cycle.eol !== null && cycle.eol <= today;
}

/** The oldest release line newer than `cycle` that is still supported on `today`. */
export function nextSupported(cycles: readonly ReleaseCycle[], cycle: ReleaseCycle, today: string): ReleaseCycle | null {
  const newer = cycles.filter((c) => compareVersions(c.cycle, cycle.cycle) > 0 && !hasEnded(c, today));
  newer.sort((a, b) => compareVersions(a.cycle, b.cycle));
  return newer[0] ?? null;
}

/**
 * The written image with its version word replaced (`golang:1.23-alpine` → `golang:1.26-alpine`),
 * registry, path and other words kept; null when there is no tag to change or a digest pins it.
 */
export function withVersion(written: string, version: string): string | null {
  const colon = written.lastIndexOf(':');
  if (colon <= written.lastIndexOf('/') || written.includes('@')) return null;
  const words = written.slice(colon + 1).split('-');
  words[0] = version;
  return `${written.slice(0, colon)}:${words.join('-')}`;
}

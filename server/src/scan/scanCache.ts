import { canonicalReference } from './imageReference';
import type { ImageScan, ScanEngineId } from './model';
import type { Clock } from './processes';

/** An hour: long enough for a session of edits, short enough that new advisories show up the same day. */
export const DEFAULT_SCAN_TTL_MS = 60 * 60 * 1000;

/**
 * Scan results per image reference (its canonical form, so `node` and `docker.io/library/node:latest`
 * share an entry; a reference with a digest is its own entry), engine and platform, for a time.
 * Rescanning on demand bypasses it; `clear` forgets everything.
 */
export class ScanCache {
  private readonly entries = new Map<string, { scan: ImageScan; at: number }>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly ttlMs = DEFAULT_SCAN_TTL_MS,
  ) {}

  get(image: string, engine: ScanEngineId, platform: string | null): ImageScan | null {
    const key = keyOf(image, engine, platform);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (this.clock.now() - entry.at >= this.ttlMs) {
      this.entries.delete(key);
      return null;
    }
    return entry.scan;
  }

  set(image: string, platform: string | null, scan: ImageScan): void {
    this.entries.set(keyOf(image, scan.engine, platform), { scan, at: this.clock.now() });
  }

  clear(): void {
    this.entries.clear();
  }
}

function keyOf(image: string, engine: ScanEngineId, platform: string | null): string {
  return `${engine}\u0000${canonicalReference(image)}\u0000${platform ?? ''}`;
}

import type { InstalledPackage } from './package';

/** Where a Go binary's build information starts (Go 1.18 and later store it inline after a 32-byte header). */
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
/** The build information is a few KiB; this much after the magic is kept. */
const BLOB_BYTES = 64 * 1024;

/** Whether kept content is a Go build information blob (as `GoBuildInfoFinder` keeps it). */
export function isGoBuildInfo(content: Buffer): boolean {
  return content.length > 32 && content.subarray(0, MAGIC.length).equals(MAGIC as unknown as Uint8Array);
}

/**
 * Looks for the build information in the bytes of an executable as they stream past (the magic
 * may straddle two chunks); keeps the magic and what follows it, at most 64 KiB, never the file.
 */
export class GoBuildInfoFinder {
  private tail = Buffer.alloc(0);
  private found: Buffer[] | null = null;
  private kept = 0;

  push(chunk: Buffer): void {
    if (this.found) {
      if (this.kept < BLOB_BYTES) this.keep(chunk.subarray(0, BLOB_BYTES - this.kept));
      return;
    }
    // Only the seam with the previous chunk is copied; the chunk itself is searched in place.
    const seam = Buffer.concat([this.tail, chunk.subarray(0, MAGIC.length - 1)] as unknown as Uint8Array[]);
    const atSeam = seam.indexOf(MAGIC as unknown as Uint8Array);
    const at = atSeam >= 0 ? -1 : chunk.indexOf(MAGIC as unknown as Uint8Array);
    if (atSeam >= 0 || at >= 0) {
      this.found = [];
      this.keep(atSeam >= 0 ? Buffer.concat([this.tail.subarray(atSeam), chunk] as unknown as Uint8Array[]).subarray(0, BLOB_BYTES) : chunk.subarray(at, at + BLOB_BYTES));
      return;
    }
    const joined = chunk.length >= MAGIC.length - 1 ? chunk : seam;
    this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - (MAGIC.length - 1))) as unknown as Uint8Array);
  }

  /** The blob from the magic on, or null when the file has none. */
  end(): Buffer | null {
    return this.found ? Buffer.concat(this.found as unknown as Uint8Array[]) : null;
  }

  private keep(bytes: Buffer): void {
    this.found?.push(Buffer.from(bytes as unknown as Uint8Array));
    this.kept += bytes.length;
  }
}

/**
 * The Go toolchain (as `stdlib`, the name OSV's Go ecosystem gives it) and the modules a binary
 * was built from (`mod` and `dep` lines, a `=>` replacement taking the place of the dep before
 * it), from its inline build information. Binaries of Go before 1.18 keep it behind pointers
 * and are not read.
 */
export function parseGoBuildInfo(blob: Buffer, filePath: string): InstalledPackage[] {
  if (!isGoBuildInfo(blob) || (blob[15]! & 0x2) === 0) return [];
  let at = 32;
  const text = (): string | null => {
    let length = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = blob[at++];
      if (byte === undefined) return null;
      length += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    if (at + length > blob.length) return null;
    const value = blob.subarray(at, at + length).toString('latin1');
    at += length;
    return value;
  };
  const toolchain = text();
  const modinfo = text() ?? '';
  const foundIn = `/${filePath}`;
  const packages: InstalledPackage[] = [];
  const go = toolchain ? /^go(\d+\.\d+(?:\.\d+)?)/.exec(toolchain)?.[1] : undefined;
  if (go) packages.push({ name: 'stdlib', version: go.split('.').length === 2 ? `${go}.0` : go, type: 'golang', source: null, architecture: null, foundIn });
  // modinfo is framed by 16-byte sentinels.
  const lines = (modinfo.length >= 32 ? modinfo.slice(16, -16) : modinfo).split('\n');
  for (const line of lines) {
    const [kind, path, version] = line.split('\t');
    if (!path || !version) continue;
    if (kind === 'mod' || kind === 'dep') packages.push({ name: path, version, type: 'golang', source: null, architecture: null, foundIn });
    else if (kind === '=>' && packages.length > 0 && packages.at(-1)?.name !== 'stdlib') packages[packages.length - 1] = { ...(packages.at(-1) as InstalledPackage), name: path, version };
  }
  return packages;
}

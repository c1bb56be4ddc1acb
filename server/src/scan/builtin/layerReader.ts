import * as path from 'path';
import type { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import * as tar from 'tar-stream';
import { decompressor, drain, peek, readAll, sniffCompression, verifyingStream } from './blobs';
import { ImageError } from './imageError';
import type { LayerBlob } from './imageSource';
import { byteSize, type ImageLimits } from './limits';

export type FileType = 'file' | 'directory' | 'symlink' | 'link' | 'other';

/** An entry of a layer, without its content. */
export interface FileMeta {
  type: FileType;
  /** Permission bits including setuid (0o4000), setgid (0o2000) and sticky (0o1000). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Target of a symlink or hard link. */
  linkname: string | null;
}

/** What one layer adds, replaces and deletes. Paths are relative to `/`, without a leading slash. */
export interface LayerRecord {
  index: number;
  /** The entries the inspector records (all of them when it has no `record`). */
  entries: Map<string, FileMeta>;
  /**
   * The entries not recorded, as path hashes only (8 bytes each, so memory stays flat as images
   * grow): enough to tell that a later layer replaced a recorded file, or put a file where a
   * recorded file's folder was.
   */
  unrecorded: PathHashes;
  /** The non-folders among `unrecorded`. */
  unrecordedFiles: PathHashes;
  /** Paths a `.wh.NAME` file deletes from the layers below. */
  whiteouts: string[];
  /** Directories a `.wh..wh..opq` file empties of the layers below. */
  opaque: string[];
  /** Contents the inspector chose to keep, by path. */
  kept: Map<string, Buffer>;
}

/**
 * Which file contents a scan reads as the layers stream: `limitFor` gives the most bytes worth
 * reading of a file (0 for none; a larger file is not read), `keep` whether to hold on to what
 * was read. Only kept contents stay in memory.
 */
export interface ContentInspector {
  limitFor(filePath: string, meta: FileMeta): number;
  keep(filePath: string, meta: FileMeta, content: Buffer): boolean;
  /** Whether the entry's metadata is kept for the final file system (files whose content is kept always are); absent: every entry is. */
  record?(filePath: string, meta: FileMeta): boolean;
  /**
   * For a file not read whole: something that watches its bytes stream past and may keep a part
   * of them (a Go binary's build information), or null to skip the file unread.
   */
  watch?(filePath: string, meta: FileMeta): { push(chunk: Buffer): void; end(): Buffer | null } | null;
}

/** A set of paths as 52-bit hashes in a growing typed array; sorted once, then searched. */
export class PathHashes {
  private values = new Float64Array(256);
  private count = 0;
  private sorted = true;

  add(filePath: string): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = pathHash(filePath);
    this.sorted = false;
  }

  has(filePath: string): boolean {
    if (this.count === 0) return false;
    if (!this.sorted) {
      this.values = this.values.slice(0, this.count).sort();
      this.sorted = true;
    }
    const wanted = pathHash(filePath);
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.values[middle] as number;
      if (value === wanted) return true;
      if (value < wanted) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

/** Two FNV-1a passes (different offsets) joined into 52 bits: a collision among a few million paths is a one-in-a-billion event. */
function pathHash(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return a * 0x100000 + (b & 0xfffff);
}

/** Counts across every layer of one image, checked against the limits. */
export class LayerBudget {
  private entries = 0;
  private bytes = 0;
  constructor(
    readonly limits: ImageLimits,
    readonly signal?: AbortSignal,
  ) {}

  add(entryPath: string, size: number, layer: LayerBlob): void {
    if (this.signal?.aborted) throw new ImageError('cancelled', 'the scan was cancelled');
    this.entries++;
    this.bytes += size;
    if (this.entries > this.limits.entries) throw new ImageError('failed', `the image has more than ${this.limits.entries} files (the limit); stopped in layer ${layer.index + 1} (${layer.name})`);
    if (this.bytes > this.limits.totalBytes) throw new ImageError('failed', `the image's layers unpack to more than ${byteSize(this.limits.totalBytes)} (the limit); stopped in layer ${layer.index + 1} (${layer.name})`);
    const depth = entryPath.split('/').length;
    if (depth > this.limits.depth) throw new ImageError('failed', `/${entryPath.slice(0, 120)}… in layer ${layer.index + 1} is ${depth} folders deep, more than the limit of ${this.limits.depth}`);
  }
}

const TYPES: Partial<Record<tar.Header['type'] & string, FileType>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'link',
};

/** `./usr/bin/` → `usr/bin`; `../x` cannot climb out of the root. Empty for the root itself. */
export function normaliseEntryPath(name: string): string {
  const normal = path.posix.normalize(`/${name}`);
  return normal.replace(/^\/+/, '').replace(/\/+$/, '');
}

/**
 * Streams one layer blob: detects gzip, zstd or a plain tar from its first bytes, verifies the
 * blob digest and the diff_id as the bytes pass, and records every entry (and what the
 * inspector keeps). Nothing is written to disk and no file is held whole unless kept.
 */
export async function readLayer(layer: LayerBlob, blob: Readable, inspector: ContentInspector, budget: LayerBudget): Promise<LayerRecord> {
  const record: LayerRecord = { index: layer.index, entries: new Map(), unrecorded: new PathHashes(), unrecordedFiles: new PathHashes(), whiteouts: [], opaque: [], kept: new Map() };
  const what = `layer ${layer.name}`;
  const { head, stream } = await peek(blob, 4);
  const stages: NodeJS.ReadWriteStream[] = [];
  if (layer.digest) stages.push(verifyingStream(layer.digest, what));
  stages.push(decompressor(sniffCompression(head), what));
  if (layer.diffId) stages.push(verifyingStream(layer.diffId, `the uncompressed ${what}`));
  const extract = tar.extract();
  // The signal ends the whole pipeline, so a cancel stops even in the middle of one large file.
  const reading = pipeline([stream, ...stages, extract], ...(budget.signal ? [{ signal: budget.signal }] : []));
  try {
    for await (const entry of extract) {
      await readEntry(entry.header, entry, record, layer, inspector, budget);
    }
    await reading;
  } catch (e) {
    extract.destroy();
    stream.destroy();
    await reading.catch(() => undefined);
    if (budget.signal?.aborted) throw new ImageError('cancelled', 'the scan was cancelled');
    if (e instanceof ImageError) throw e;
    throw new ImageError('failed', `${what} could not be read: ${(e as Error).message}`);
  }
  return record;
}

async function readEntry(header: tar.Header, body: AsyncIterable<unknown>, record: LayerRecord, layer: LayerBlob, inspector: ContentInspector, budget: LayerBudget): Promise<void> {
  const entryPath = normaliseEntryPath(header.name);
  const size = header.size ?? 0;
  budget.add(entryPath, size, layer);
  const base = path.posix.basename(entryPath);
  if (base.startsWith('.wh.')) {
    const dir = path.posix.dirname(entryPath);
    if (base === '.wh..wh..opq') record.opaque.push(dir === '.' ? '' : dir);
    else record.whiteouts.push(path.posix.join(dir, base.slice('.wh.'.length)).replace(/^\.\//, ''));
    return void (await drain(body));
  }
  if (entryPath === '') return void (await drain(body));
  const meta: FileMeta = {
    type: TYPES[header.type ?? 'file'] ?? 'other',
    mode: (header.mode ?? 0) & 0o7777,
    uid: header.uid ?? 0,
    gid: header.gid ?? 0,
    size,
    linkname: header.linkname ? normaliseLink(header) : null,
  };
  const limit = meta.type === 'file' ? inspector.limitFor(entryPath, meta) : 0;
  let kept = false;
  if (limit > 0 && size <= limit) {
    const content = await readAll(body, limit, `/${entryPath}`);
    kept = inspector.keep(entryPath, meta, content);
    if (kept) record.kept.set(entryPath, content);
  } else {
    const watcher = meta.type === 'file' ? (inspector.watch?.(entryPath, meta) ?? null) : null;
    if (watcher) {
      for await (const chunk of body) watcher.push(chunk as Buffer);
      const part = watcher.end();
      kept = part !== null;
      if (part) record.kept.set(entryPath, part);
    } else await drain(body);
  }
  if (kept || (inspector.record?.(entryPath, meta) ?? true)) record.entries.set(entryPath, meta);
  else {
    record.unrecorded.add(entryPath);
    if (meta.type !== 'directory') record.unrecordedFiles.add(entryPath);
  }
}

/** A hard link names another entry of the tar; a symlink's target stays as written. */
function normaliseLink(header: tar.Header): string {
  return header.type === 'link' ? normaliseEntryPath(header.linkname ?? '') : (header.linkname ?? '');
}

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
  entries: Map<string, FileMeta>;
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
}

/** Counts across every layer of one image, checked against the limits. */
export class LayerBudget {
  private entries = 0;
  private bytes = 0;
  constructor(
    readonly limits: ImageLimits,
    private readonly signal?: AbortSignal,
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
  const record: LayerRecord = { index: layer.index, entries: new Map(), whiteouts: [], opaque: [], kept: new Map() };
  const what = `layer ${layer.name}`;
  const { head, stream } = await peek(blob, 4);
  const stages: NodeJS.ReadWriteStream[] = [];
  if (layer.digest) stages.push(verifyingStream(layer.digest, what));
  stages.push(decompressor(sniffCompression(head), what));
  if (layer.diffId) stages.push(verifyingStream(layer.diffId, `the uncompressed ${what}`));
  const extract = tar.extract();
  const reading = pipeline([stream, ...stages, extract]);
  try {
    for await (const entry of extract) {
      await readEntry(entry.header, entry, record, layer, inspector, budget);
    }
    await reading;
  } catch (e) {
    extract.destroy();
    stream.destroy();
    await reading.catch(() => undefined);
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
  record.entries.set(entryPath, meta);
  const limit = meta.type === 'file' ? inspector.limitFor(entryPath, meta) : 0;
  if (limit > 0 && size <= limit) {
    const content = await readAll(body, limit, `/${entryPath}`);
    if (inspector.keep(entryPath, meta, content)) record.kept.set(entryPath, content);
  } else await drain(body);
}

/** A hard link names another entry of the tar; a symlink's target stays as written. */
function normaliseLink(header: tar.Header): string {
  return header.type === 'link' ? normaliseEntryPath(header.linkname ?? '') : (header.linkname ?? '');
}

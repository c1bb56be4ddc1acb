import * as fs from 'fs';
import * as path from 'path';
import { pipeline } from 'stream/promises';
import { Transform } from 'stream';
import type * as yauzl from 'yauzl';
import { HttpFailure, type HttpGet } from '../registry/http';
import { openZip } from './zipFileReader';

/** The ecosystems whose osv.dev exports the built-in scanner matches against, as osv.dev's bucket names them. */
export const OSV_ECOSYSTEMS = ['Debian', 'Alpine', 'npm', 'PyPI', 'Go'] as const;

/** osv.dev's public bucket: `<Ecosystem>/all.zip` below it. `SEAWORTHY_OSV_URL` replaces it (tests, mirrors). */
export const OSV_EXPORTS_URL = 'https://osv-vulnerabilities.storage.googleapis.com/';

/** No byte for this long fails a download. */
const IDLE_TIMEOUT_MS = 60_000;

export class OsvDownloadError extends Error {}

export interface OsvDownloadProgress {
  ecosystem: string;
  /** 0-based position of `ecosystem` among those downloaded. */
  index: number;
  count: number;
  bytes: number;
  /** The export's size when the server said it (Content-Length). */
  total: number | null;
}

export interface DownloadedExport {
  ecosystem: string;
  file: string;
  bytes: number;
  /** JSON records (zip entries) in the export. */
  records: number;
}

export interface OsvDownloadOptions {
  httpGet: HttpGet;
  baseUrl?: string;
  ecosystems?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (progress: OsvDownloadProgress) => void;
}

/**
 * Downloads each ecosystem's osv.dev export into `dir` as `<Ecosystem>.zip` (a folder the OSV
 * reader takes as a database). Each export is written under a temporary name and checked to
 * open as a zip; only when every one arrived are they renamed over the previous ones, so a
 * cancelled or failed download leaves the previous database as it was and no partial file.
 */
export async function downloadOsvExports(dir: string, options: OsvDownloadOptions): Promise<DownloadedExport[]> {
  const ecosystems = options.ecosystems ?? OSV_ECOSYSTEMS;
  let base: URL;
  try {
    base = new URL(options.baseUrl ?? OSV_EXPORTS_URL);
  } catch {
    throw new OsvDownloadError(`'${options.baseUrl}' is not a URL to download the OSV exports from`);
  }
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  try {
    await fs.promises.mkdir(dir, { recursive: true });
  } catch (e) {
    throw new OsvDownloadError(`cannot create the folder ${dir}: ${(e as Error).message}`);
  }
  const parts: { part: string; done: DownloadedExport }[] = [];
  try {
    for (const [index, ecosystem] of ecosystems.entries()) {
      const url = new URL(`${encodeURIComponent(ecosystem)}/all.zip`, base);
      const part = path.join(dir, `.${ecosystem}.zip.part-${process.pid}-${Date.now()}`);
      parts.push({ part, done: { ecosystem, file: path.join(dir, `${ecosystem}.zip`), bytes: 0, records: 0 } });
      const done = parts[parts.length - 1]!.done;
      done.bytes = await fetchTo(url, part, options, (bytes, total) => options.onProgress?.({ ecosystem, index, count: ecosystems.length, bytes, total }));
      done.records = await zipRecords(part, url);
    }
    for (const { part, done } of parts) await fs.promises.rename(part, done.file);
    return parts.map((p) => p.done);
  } finally {
    await Promise.all(parts.map(({ part }) => fs.promises.rm(part, { force: true })));
  }
}

async function fetchTo(url: URL, file: string, options: OsvDownloadOptions, onBytes: (bytes: number, total: number | null) => void): Promise<number> {
  let response;
  try {
    response = await options.httpGet(url, { signal: options.signal, idleTimeoutMs: IDLE_TIMEOUT_MS });
  } catch (e) {
    throw failure(e, url);
  }
  if (response.status !== 200) {
    response.body.resume();
    throw new OsvDownloadError(`${url.href} answered ${response.status}${response.status === 404 ? ' (no such export)' : ''}`);
  }
  const length = Number(response.headers['content-length']);
  const total = Number.isFinite(length) && length > 0 ? length : null;
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      onBytes(bytes, total);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(response.body, count, fs.createWriteStream(file), ...(options.signal ? [{ signal: options.signal }] : []));
  } catch (e) {
    throw failure(e, url);
  }
  if (total !== null && bytes !== total) throw new OsvDownloadError(`${url.href} ended after ${bytes} of ${total} bytes`);
  return bytes;
}

function failure(e: unknown, url: URL): Error {
  const error = e as NodeJS.ErrnoException;
  if (error instanceof HttpFailure && error.kind === 'cancelled') return new OsvDownloadError('the download was cancelled');
  if (error?.name === 'AbortError') return new OsvDownloadError('the download was cancelled');
  if (error instanceof HttpFailure) return new OsvDownloadError(`downloading ${url.href} failed: ${error.message}`);
  const dropped = error?.code === 'ECONNRESET' || error?.code === 'ERR_STREAM_PREMATURE_CLOSE' || error?.message === 'aborted';
  return new OsvDownloadError(`downloading ${url.href} failed: ${dropped ? `${url.host} dropped the connection` : (error?.message ?? String(e))}`);
}

/** The `.json` entries of the zip at `file`: opening it is the check that the whole export arrived. */
function zipRecords(file: string, url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    openZip(file, (error, zip?: yauzl.ZipFile) => {
      if (error || !zip) return reject(new OsvDownloadError(`${url.href} is not a zip archive: ${error?.message ?? 'unreadable'}`));
      let records = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (/\.json$/i.test(entry.fileName)) records++;
        zip.readEntry();
      });
      zip.on('end', () => (zip.close(), resolve(records)));
      zip.on('error', (e: Error) => (zip.close(), reject(new OsvDownloadError(`${url.href} is not a readable zip archive: ${e.message}`))));
      zip.readEntry();
    });
  });
}

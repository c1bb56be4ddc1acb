import * as fs from 'fs';
import * as path from 'path';
import type { Readable } from 'stream';
import * as yauzl from 'yauzl';
import { readAll } from '../blobs';
import { asOsvRecord, packageKey, type OsvRecord } from './osvRecord';

/** The packages a scan wants records for: OSV ecosystem (`Debian:12`) → package names (as `packageKey` writes them). */
export type WantedPackages = ReadonlyMap<string, ReadonlySet<string>>;

/** A record larger than this is not an OSV record anyone wrote; it is skipped unread. */
const RECORD_BYTES = 8 * 1024 ** 2;

/** The database path cannot be read at all (a missing folder, a broken zip); one bad record is only skipped. */
export class OsvDatabaseError extends Error {}

export interface OsvReadResult {
  records: OsvRecord[];
  /** Files read (JSON files, zip entries). */
  files: number;
  /** Files that were not an OSV record (bad JSON, too large); skipped. */
  skipped: number;
}

/**
 * Reads the OSV records that name a wanted package from `database`: a folder of OSV JSON files
 * (and of osv.dev's per-ecosystem `all.zip` exports), one such zip, or one JSON file. Records
 * are read one at a time and only the matching ones are kept, so memory follows the image, not
 * the database. A record that does not even mention a wanted ecosystem is not parsed.
 */
export async function readOsvRecords(database: string, wanted: WantedPackages, signal?: AbortSignal): Promise<OsvReadResult> {
  const result: OsvReadResult = { records: [], files: 0, skipped: 0 };
  const ecosystems = [...wanted.keys()].map((e) => `"${e}"`);
  const consider = (text: string): void => {
    result.files++;
    if (!ecosystems.some((e) => text.includes(e))) return;
    let record: OsvRecord | null = null;
    try {
      record = asOsvRecord(JSON.parse(text));
    } catch {
      // not JSON: counted below
    }
    if (!record) return void result.skipped++;
    if (!record.withdrawn && namesWanted(record, wanted)) result.records.push(record);
  };
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(database);
  } catch (e) {
    throw new OsvDatabaseError(`the OSV database ${database} cannot be read: ${reason(e)}`);
  }
  if (wanted.size === 0) return result;
  if (stat.isDirectory()) await readFolder(database, consider, result, signal);
  else if (/\.zip$/i.test(database)) await readZip(database, consider, result, signal);
  else if (stat.size > RECORD_BYTES) result.skipped++;
  else consider(await readText(database));
  return result;
}

function namesWanted(record: OsvRecord, wanted: WantedPackages): boolean {
  return (record.affected ?? []).some((a) => {
    const { ecosystem, name } = a?.package ?? {};
    return typeof ecosystem === 'string' && typeof name === 'string' && (wanted.get(ecosystem)?.has(packageKey(ecosystem, name)) ?? false);
  });
}

async function readFolder(folder: string, consider: (text: string) => void, result: OsvReadResult, signal?: AbortSignal): Promise<void> {
  const pending = [folder];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      throw new OsvDatabaseError(`the OSV database folder ${dir} cannot be read: ${reason(e)}`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      throwIfAborted(signal);
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(file);
      else if (!entry.isFile()) continue;
      else if (/\.zip$/i.test(entry.name)) await readZip(file, consider, result, signal);
      else if (/\.json$/i.test(entry.name)) {
        const size = (await fs.promises.stat(file)).size;
        if (size > RECORD_BYTES) result.skipped++;
        else consider(await readText(file));
      }
    }
  }
}

/** Streams each `.json` entry of a zip (osv.dev's `all.zip`) without unpacking it to disk or holding it whole. */
function readZip(file: string, consider: (text: string) => void, result: OsvReadResult, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return reject(new OsvDatabaseError(`the OSV database ${file} is not a readable zip: ${error?.message ?? 'no archive'}`));
      const fail = (e: Error): void => {
        zip.close();
        reject(e);
      };
      zip.on('error', (e: Error) => fail(new OsvDatabaseError(`the OSV database ${file} is damaged: ${e.message}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (signal?.aborted) return fail(abortError());
        if (!/\.json$/i.test(entry.fileName) || entry.fileName.endsWith('/')) return zip.readEntry();
        if (entry.uncompressedSize > RECORD_BYTES) {
          result.skipped++;
          return zip.readEntry();
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(new OsvDatabaseError(`the OSV database ${file} is damaged at ${entry.fileName}: ${streamError?.message ?? 'no data'}`));
          collect(stream).then(
            (text) => {
              consider(text);
              zip.readEntry();
            },
            (e: Error) => fail(new OsvDatabaseError(`the OSV database ${file} is damaged at ${entry.fileName}: ${e.message}`)),
          );
        });
      });
      zip.readEntry();
    });
  });
}

async function collect(stream: Readable): Promise<string> {
  return (await readAll(stream, RECORD_BYTES)).toString('utf8');
}

async function readText(file: string): Promise<string> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    throw new OsvDatabaseError(`the OSV record ${file} cannot be read: ${reason(e)}`);
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (e as Error)?.message ?? String(e);
}

function abortError(): Error {
  const error = new Error('cancelled');
  error.name = 'AbortError';
  return error;
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}

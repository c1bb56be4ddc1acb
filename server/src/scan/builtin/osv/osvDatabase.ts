import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as yauzl from 'yauzl';
import { openZip } from './zipFileReader';
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
  /** Records this read opened and parsed: all of them when it indexed the database, else only those naming a wanted package. */
  parsed: number;
  /** Served from the index kept since the database last changed. */
  fromIndex: boolean;
}

/** Where one record is: a JSON file, or an entry of a zip. */
interface RecordPlace {
  file: string;
  entry: string | null;
}

/** Which records name which package, for a database as it was when `signature` was taken. */
interface OsvIndex {
  signature: string;
  /** `ecosystem NUL packageKey` → the records that name it. */
  places: Map<string, RecordPlace[]>;
  files: number;
  skipped: number;
}

/** Databases indexed in this process, by path: the language server scans many images against one. */
const INDEXES = new Map<string, OsvIndex>();
const INDEXES_KEPT = 4;

/**
 * Reads the OSV records that name a wanted package from `database`: a folder of OSV JSON files
 * (and of osv.dev's per-ecosystem `all.zip` exports), one such zip, or one JSON file. The first
 * read of a database streams every record once and keeps an index of which record names which
 * package (not the records: memory follows the image, not the database); until the database
 * changes (a file's size or modification time, a file added or removed), later reads open only
 * the records the image's packages are named in.
 */
export async function readOsvRecords(database: string, wanted: WantedPackages, signal?: AbortSignal): Promise<OsvReadResult> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(database);
  } catch (e) {
    throw new OsvDatabaseError(`the OSV database ${database} cannot be read: ${reason(e)}`);
  }
  if (wanted.size === 0) return { records: [], files: 0, skipped: 0, parsed: 0, fromIndex: false };
  const key = path.resolve(database);
  const signature = await signatureOf(database, stat, signal);
  const known = INDEXES.get(key);
  if (known?.signature === signature) {
    const records: OsvRecord[] = [];
    let parsed = 0;
    await readPlaces(placesOf(known, wanted), (text) => (parsed++, keepIfWanted(text, wanted, records)), signal);
    return { records, files: known.files, skipped: known.skipped, parsed, fromIndex: true };
  }
  const index: OsvIndex = { signature, places: new Map(), files: 0, skipped: 0 };
  const records: OsvRecord[] = [];
  const consider = (text: string, place: RecordPlace): void => {
    index.files++;
    const record = parseRecord(text);
    if (!record) return void index.skipped++;
    if (record.withdrawn) return;
    for (const name of new Set(packageNames(record))) {
      const list = index.places.get(name);
      if (list) list.push(place);
      else index.places.set(name, [place]);
    }
    if (namesWanted(record, wanted)) records.push(record);
  };
  if (stat.isDirectory()) await readFolder(database, consider, index, signal);
  else if (/\.zip$/i.test(database)) await readZip(database, null, consider, index, signal);
  else if (stat.size > RECORD_BYTES) index.skipped++;
  else consider(await readText(database), { file: database, entry: null });
  INDEXES.delete(key);
  INDEXES.set(key, index);
  for (const old of [...INDEXES.keys()].slice(0, Math.max(0, INDEXES.size - INDEXES_KEPT))) INDEXES.delete(old);
  return { records, files: index.files, skipped: index.skipped, parsed: index.files, fromIndex: false };
}

function parseRecord(text: string): OsvRecord | null {
  try {
    return asOsvRecord(JSON.parse(text));
  } catch {
    return null;
  }
}

function keepIfWanted(text: string, wanted: WantedPackages, into: OsvRecord[]): void {
  const record = parseRecord(text);
  if (record && !record.withdrawn && namesWanted(record, wanted)) into.push(record);
}

/** `ecosystem NUL packageKey` of every package a record names. */
function packageNames(record: OsvRecord): string[] {
  return (record.affected ?? []).flatMap((a) => {
    const { ecosystem, name } = a?.package ?? {};
    return typeof ecosystem === 'string' && typeof name === 'string' ? [`${ecosystem}\u0000${packageKey(ecosystem, name)}`] : [];
  });
}

function namesWanted(record: OsvRecord, wanted: WantedPackages): boolean {
  return (record.affected ?? []).some((a) => {
    const { ecosystem, name } = a?.package ?? {};
    return typeof ecosystem === 'string' && typeof name === 'string' && (wanted.get(ecosystem)?.has(packageKey(ecosystem, name)) ?? false);
  });
}

/** The places of the records naming a wanted package, by file: null for a JSON file, else the zip entries. */
function placesOf(index: OsvIndex, wanted: WantedPackages): Map<string, Set<string> | null> {
  const byFile = new Map<string, Set<string> | null>();
  for (const [ecosystem, names] of wanted) {
    for (const name of names) {
      for (const place of index.places.get(`${ecosystem}\u0000${name}`) ?? []) {
        if (place.entry === null) byFile.set(place.file, null);
        else byFile.set(place.file, (byFile.get(place.file) ?? new Set()).add(place.entry));
      }
    }
  }
  return byFile;
}

async function readPlaces(byFile: Map<string, Set<string> | null>, consider: (text: string) => void, signal?: AbortSignal): Promise<void> {
  const counts = { files: 0, skipped: 0 };
  for (const [file, entries] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    throwIfAborted(signal);
    if (entries === null) consider(await readText(file));
    else await readZip(file, entries, consider, counts, signal);
  }
}

/**
 * What the database is now, cheaply: size, modification time and inode of the file, or of every
 * JSON and zip file below the folder. A change to any of them means the index is read again.
 */
async function signatureOf(database: string, stat: fs.Stats, signal?: AbortSignal): Promise<string> {
  const of = (file: string, s: fs.Stats): string => `${file}\u0000${s.size}\u0000${s.mtimeMs}\u0000${s.ino}`;
  if (!stat.isDirectory()) return of(database, stat);
  const parts: string[] = [];
  await walkFolder(database, async (file) => void parts.push(of(file, await fs.promises.stat(file))), signal);
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** Calls `onFile` for every JSON and zip file below `folder`, in name order. */
async function walkFolder(folder: string, onFile: (file: string) => Promise<void>, signal?: AbortSignal): Promise<void> {
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
      else if (entry.isFile() && /\.(?:zip|json)$/i.test(entry.name)) await onFile(file);
    }
  }
}

type Consider = (text: string, place: RecordPlace) => void;

async function readFolder(folder: string, consider: Consider, result: { files: number; skipped: number }, signal?: AbortSignal): Promise<void> {
  await walkFolder(
    folder,
    async (file) => {
      if (/\.zip$/i.test(file)) await readZip(file, null, consider, result, signal);
      else if ((await fs.promises.stat(file)).size > RECORD_BYTES) result.skipped++;
      else consider(await readText(file), { file, entry: null });
    },
    signal,
  );
}

/** Entries read between two turns of the event loop, so a cancel or another request gets in. */
const ENTRIES_PER_TURN = 256;

/**
 * Reads the `.json` entries of a zip (osv.dev's `all.zip`) one after another without unpacking
 * it to disk or holding it whole (each record read and inflated whole: they are small); with
 * `only`, just those entries are read (the rest are passed over in the zip's directory).
 */
function readZip(file: string, only: ReadonlySet<string> | null, consider: Consider, result: { files: number; skipped: number }, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    openZip(file, (error, zip, reader) => {
      if (error || !zip || !reader) return reject(new OsvDatabaseError(`the OSV database ${file} is not a readable zip: ${error?.message ?? 'no archive'}`));
      const fail = (e: Error): void => {
        zip.close();
        reject(e);
      };
      let read = 0;
      const next = (): void => {
        if (++read % ENTRIES_PER_TURN === 0) setImmediate(() => zip.readEntry());
        else zip.readEntry();
      };
      zip.on('error', (e: Error) => fail(new OsvDatabaseError(`the OSV database ${file} is damaged: ${e.message}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (signal?.aborted) return fail(abortError());
        if (!/\.json$/i.test(entry.fileName) || entry.fileName.endsWith('/') || (only !== null && !only.has(entry.fileName))) return next();
        if (entry.uncompressedSize > RECORD_BYTES) {
          result.skipped++;
          return next();
        }
        reader.entryData(entry, RECORD_BYTES).then(
          (data) => {
            consider(data.toString('utf8'), { file, entry: entry.fileName });
            next();
          },
          (e: Error) => fail(new OsvDatabaseError(`the OSV database ${file} is damaged at ${entry.fileName}: ${e.message}`)),
        );
      });
      zip.readEntry();
    });
  });
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

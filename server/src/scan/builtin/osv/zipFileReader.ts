import * as fs from 'fs';
import * as yauzl from 'yauzl';
import * as zlib from 'zlib';

/** Bytes read at once for yauzl's small reads (the zip's directory records, local headers). */
const WINDOW_BYTES = 1024 * 1024;

/** A local file header: its fixed part and signature (the name and extra field follow). */
const LOCAL_HEADER_BYTES = 30;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;

/**
 * A zip file for yauzl that answers its many small reads (two per entry of the central
 * directory: 100,000 reads for an OSV export of 50,000 records) from a few 1 MiB windows
 * instead of one system call each; `entryData` reads an entry's data the same way (yauzl's
 * read streams are not used).
 */
export class WindowedFileReader extends yauzl.RandomAccessReader {
  /** The last windows read, newest last: the directory and the data are read in turns. */
  private windows: { start: number; data: Buffer }[] = [];

  constructor(private readonly fd: number) {
    super();
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    const copy = (window: { start: number; data: Buffer }): void => {
      const from = position - window.start;
      const copied = window.data.copy(buffer as unknown as Uint8Array, offset, from, Math.min(from + length, window.data.length));
      callback(null, copied);
    };
    const held = this.windows.find((w) => position >= w.start && position + length <= w.start + w.data.length);
    // Answered on a later tick, as a read is: a directory of skipped entries would otherwise recurse.
    if (held) return queueMicrotask(() => copy(held));
    const size = Math.max(WINDOW_BYTES, length);
    const data = Buffer.alloc(size);
    fs.read(this.fd, data as unknown as Uint8Array, 0, size, position, (error, bytesRead) => {
      if (error) return callback(error);
      const window = { start: position, data: data.subarray(0, bytesRead) };
      this.windows = [...this.windows.slice(-1), window];
      copy(window);
    });
  }

  /** Exactly `length` bytes at `position` (fewer only at the end of the file). */
  readExactly(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    return new Promise((resolve, reject) => {
      const next = (filled: number): void => {
        if (filled === length) return resolve(buffer);
        this.read(buffer, filled, length - filled, position + filled, (error, bytesRead) => {
          if (error) return reject(error);
          if (!bytesRead) return resolve(buffer.subarray(0, filled));
          next(filled + bytesRead);
        });
      };
      next(0);
    });
  }

  /**
   * An entry's data whole: its local header and compressed bytes read through the windows (the
   * records of an OSV export lie one after another, so one 1 MiB read serves hundreds), then
   * inflated at once. For the small entries of OSV exports this is much faster than a read
   * stream and an inflate stream per entry. Larger than `limit` bytes is an error.
   */
  async entryData(entry: yauzl.Entry, limit: number): Promise<Buffer> {
    if (entry.isEncrypted()) throw new Error('the entry is encrypted');
    if (entry.uncompressedSize > limit) throw new Error(`the entry is larger than ${limit} bytes`);
    const header = await this.readExactly(entry.relativeOffsetOfLocalHeader, LOCAL_HEADER_BYTES);
    if (header.length < LOCAL_HEADER_BYTES || header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) throw new Error('no local file header where the directory says');
    const start = entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
    const stored = await this.readExactly(start, entry.compressedSize);
    if (stored.length < entry.compressedSize) throw new Error('the file ends inside the entry');
    let data: Buffer;
    if (entry.compressionMethod === 0) data = stored;
    else if (entry.compressionMethod === 8) data = zlib.inflateRawSync(stored as unknown as Uint8Array, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    else throw new Error(`unsupported compression method ${entry.compressionMethod}`);
    if (data.length !== entry.uncompressedSize) throw new Error(`the entry holds ${data.length} bytes, the directory says ${entry.uncompressedSize}`);
    return data;
  }

  override close(callback: (err: Error | null) => void): void {
    this.windows = [];
    fs.close(this.fd, (error) => callback(error ?? null));
  }
}

/** Opens a zip as `yauzl.open` does (lazy entries, closed at the end), through a WindowedFileReader. */
export function openZip(file: string, callback: (error: Error | null, zip?: yauzl.ZipFile, reader?: WindowedFileReader) => void): void {
  fs.open(file, 'r', (openError, fd) => {
    if (openError) return callback(openError);
    fs.fstat(fd, (statError, stat) => {
      if (statError) return fs.close(fd, () => callback(statError));
      const reader = new WindowedFileReader(fd);
      yauzl.fromRandomAccessReader(reader, stat.size, { lazyEntries: true, autoClose: true }, (error, zip) => {
        if (error || !zip) fs.close(fd, () => callback(error ?? new Error('no archive')));
        else callback(null, zip, reader);
      });
    });
  });
}

import * as fs from 'fs';
import { Readable } from 'stream';
import * as yauzl from 'yauzl';

/** Bytes read at once for yauzl's small reads (the zip's directory records, local headers). */
const WINDOW_BYTES = 1024 * 1024;

/**
 * A zip file for yauzl that answers its many small reads (two per entry of the central
 * directory, one per local header: 100,000 reads for an OSV export of 50,000 records) from a
 * few 1 MiB windows instead of one system call each; entry data still streams from the file.
 */
export class WindowedFileReader extends yauzl.RandomAccessReader {
  /** The last windows read, newest last: the directory and the data are read in turns. */
  private windows: { start: number; data: Buffer }[] = [];

  constructor(private readonly fd: number) {
    super();
  }

  // Positional reads of the shared handle (an fs stream would close it when yauzl destroys the stream).
  override _readStreamForRange(start: number, end: number): Readable {
    let position = start;
    const fd = this.fd;
    return new Readable({
      read(size) {
        const length = Math.min(Math.max(size, 64 * 1024), end - position);
        if (length <= 0) return void this.push(null);
        const chunk = Buffer.alloc(length);
        fs.read(fd, chunk as unknown as Uint8Array, 0, length, position, (error, bytesRead) => {
          if (error) return this.destroy(error);
          if (bytesRead === 0) return this.destroy(new Error('unexpected end of the zip file'));
          position += bytesRead;
          this.push(chunk.subarray(0, bytesRead));
        });
      },
    });
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

  override close(callback: (err: Error | null) => void): void {
    this.windows = [];
    fs.close(this.fd, (error) => callback(error ?? null));
  }
}

/** Opens a zip as `yauzl.open` does (lazy entries, closed at the end), through a WindowedFileReader. */
export function openZip(file: string, callback: (error: Error | null, zip?: yauzl.ZipFile) => void): void {
  fs.open(file, 'r', (openError, fd) => {
    if (openError) return callback(openError);
    fs.fstat(fd, (statError, stat) => {
      if (statError) return fs.close(fd, () => callback(statError));
      yauzl.fromRandomAccessReader(new WindowedFileReader(fd), stat.size, { lazyEntries: true, autoClose: true }, (error, zip) => {
        if (error || !zip) fs.close(fd, () => callback(error ?? new Error('no archive')));
        else callback(null, zip);
      });
    });
  });
}

/**
 * Just enough of the SQLite file format (https://www.sqlite.org/fileformat2.html) to list the
 * rows of one table of a database held in memory: the header, the schema table on page 1, table
 * b-tree pages (interior and leaf), overflow chains and the record format. No SQL, no indexes, no
 * WAL: a database whose last writes are still in its `-wal` file is read as of its last
 * checkpoint. Everything is bounds-checked; a damaged file is a SqliteFormatError, never a hang
 * (each page is visited once).
 */

export class SqliteFormatError extends Error {}

export type SqliteValue = null | number | string | Buffer;

export interface SqliteRow {
  rowid: number;
  values: SqliteValue[];
}

const MAGIC = 'SQLite format 3\u0000';
const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;

/** The rows of `table` in rowid order; a database without that table is an error. */
export function sqliteTableRows(file: Buffer, table: string): SqliteRow[] {
  const db = new SqliteFile(file);
  const schema = db.tableRows(1).find((row) => row.values[0] === 'table' && row.values[1] === table);
  const root = schema?.values[3];
  if (typeof root !== 'number') throw new SqliteFormatError(`no table ${table}`);
  return db.tableRows(root);
}

class SqliteFile {
  private readonly pageSize: number;
  private readonly usable: number;
  private readonly pages: number;

  constructor(private readonly file: Buffer) {
    if (file.length < 100 || file.toString('latin1', 0, 16) !== MAGIC) throw new SqliteFormatError('not a SQLite database');
    const size = file.readUInt16BE(16);
    this.pageSize = size === 1 ? 65536 : size;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0) throw new SqliteFormatError(`page size ${size}`);
    this.usable = this.pageSize - (file[20] as number);
    if (this.usable < 480) throw new SqliteFormatError('too little usable space per page');
    const encoding = file.readUInt32BE(56);
    if (encoding !== 0 && encoding !== 1) throw new SqliteFormatError('text is not UTF-8');
    this.pages = Math.floor(file.length / this.pageSize);
  }

  /** Walks a table b-tree from its root, children in order. */
  tableRows(root: number): SqliteRow[] {
    const rows: SqliteRow[] = [];
    const seen = new Set<number>();
    const pending = [root];
    while (pending.length > 0) {
      const number = pending.pop() as number;
      if (seen.has(number)) throw new SqliteFormatError(`page ${number} is reached twice`);
      seen.add(number);
      const { page, at } = this.page(number);
      const type = byteAt(page, at);
      const cells = u16(page, at + 3);
      const pointers = at + (type === LEAF_TABLE ? 8 : 12);
      if (type === LEAF_TABLE) {
        for (let i = 0; i < cells; i++) rows.push(this.leafCell(page, u16(page, pointers + 2 * i), number));
      } else if (type === INTERIOR_TABLE) {
        // Pushed right to left so they are taken left to right.
        pending.push(u32(page, at + 8));
        for (let i = cells - 1; i >= 0; i--) pending.push(u32(page, u16(page, pointers + 2 * i)));
      } else {
        throw new SqliteFormatError(`page ${number} is not a table page (type ${type})`);
      }
    }
    return rows;
  }

  private page(number: number): { page: Buffer; at: number } {
    if (!Number.isInteger(number) || number < 1 || number > this.pages) throw new SqliteFormatError(`page ${number} is outside the file`);
    const start = (number - 1) * this.pageSize;
    return { page: this.file.subarray(start, start + this.pageSize), at: number === 1 ? 100 : 0 };
  }

  /** A table leaf cell: payload size, rowid, the payload's local part and, past it, its overflow chain. */
  private leafCell(page: Buffer, offset: number, pageNumber: number): SqliteRow {
    const [size, afterSize] = varint(page, offset);
    const [rowid, start] = varint(page, afterSize);
    const U = this.usable;
    const X = U - 35;
    let local = size;
    if (size > X) {
      const M = Math.floor(((U - 12) * 32) / 255) - 23;
      const K = M + ((size - M) % (U - 4));
      local = K <= X ? K : M;
    }
    if (start + local > page.length) throw new SqliteFormatError(`a cell of page ${pageNumber} runs past it`);
    const parts = [page.subarray(start, start + local)];
    let remaining = size - local;
    let next = remaining > 0 ? u32(page, start + local) : 0;
    const seen = new Set<number>();
    while (remaining > 0) {
      if (seen.has(next)) throw new SqliteFormatError(`overflow page ${next} is reached twice`);
      seen.add(next);
      const { page: overflow } = this.page(next);
      const take = Math.min(remaining, U - 4);
      parts.push(overflow.subarray(4, 4 + take));
      remaining -= take;
      next = u32(overflow, 0);
    }
    return { rowid, values: record(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts as unknown as Uint8Array[])) };
  }
}

/** A record: a header of serial types, then the values they describe. */
function record(payload: Buffer): SqliteValue[] {
  const [headerSize, first] = varint(payload, 0);
  if (headerSize > payload.length) throw new SqliteFormatError('a record header runs past its payload');
  const types: number[] = [];
  for (let at = first; at < headerSize; ) {
    const [type, next] = varint(payload, at);
    types.push(type);
    at = next;
  }
  const values: SqliteValue[] = [];
  let at = headerSize;
  for (const type of types) {
    const length = serialLength(type);
    if (at + length > payload.length) throw new SqliteFormatError('a record value runs past its payload');
    values.push(serialValue(payload, at, type, length));
    at += length;
  }
  return values;
}

const INT_BYTES = [0, 1, 2, 3, 4, 6, 8];

function serialLength(type: number): number {
  if (type <= 6) return INT_BYTES[type] as number;
  if (type === 7) return 8;
  if (type === 8 || type === 9) return 0;
  if (type >= 12) return Math.floor((type - 12) / 2);
  throw new SqliteFormatError(`serial type ${type}`);
}

function serialValue(payload: Buffer, at: number, type: number, length: number): SqliteValue {
  if (type === 0) return null;
  if (type <= 6) return length === 8 ? payload.readIntBE(at, 6) * 65536 + payload.readUInt16BE(at + 6) : payload.readIntBE(at, length);
  if (type === 7) return payload.readDoubleBE(at);
  if (type === 8 || type === 9) return type - 8;
  const bytes = payload.subarray(at, at + length);
  return type % 2 === 0 ? bytes : bytes.toString('utf8');
}

/** A SQLite varint: 1–9 bytes, big-endian, 7 bits a byte (all 8 in the ninth). Returns the value and the offset after it. */
function varint(buffer: Buffer, offset: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = byteAt(buffer, offset + i);
    if (i === 8) return [value * 256 + byte, offset + 9];
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, offset + i + 1];
  }
  return [value, offset + 9];
}

function byteAt(buffer: Buffer, offset: number): number {
  const byte = buffer[offset];
  if (byte === undefined) throw new SqliteFormatError('a read runs past the page');
  return byte;
}

function u16(buffer: Buffer, offset: number): number {
  if (offset < 0 || offset + 2 > buffer.length) throw new SqliteFormatError('a read runs past the page');
  return buffer.readUInt16BE(offset);
}

function u32(buffer: Buffer, offset: number): number {
  if (offset < 0 || offset + 4 > buffer.length) throw new SqliteFormatError('a read runs past the page');
  return buffer.readUInt32BE(offset);
}

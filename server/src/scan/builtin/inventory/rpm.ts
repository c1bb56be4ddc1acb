import type { InstalledPackage } from './package';
import { sqliteTableRows, SqliteFormatError } from './sqliteTable';

/** Where rpm 4.16 and later keep the database (Fedora 33+, RHEL/UBI/Rocky/Alma 9, Amazon Linux 2023). */
export const RPMDB_SQLITE_PATHS: readonly string[] = ['var/lib/rpm/rpmdb.sqlite', 'usr/lib/sysimage/rpm/rpmdb.sqlite'];

const TAG_NAME = 1000;
const TAG_VERSION = 1001;
const TAG_RELEASE = 1002;
const TAG_EPOCH = 1003;
const TAG_ARCH = 1022;
const TAG_SOURCERPM = 1044;

const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;

/**
 * Packages from an rpm SQLite database: each row of its `Packages` table is a package header
 * blob. Version as rpm prints `%{EVR}` (`2:1.2.3-4.el9`, the epoch only when set); the source
 * package from `SOURCERPM` (`openssl-3.0.7-24.el9.src.rpm` → openssl). `gpg-pubkey` entries
 * (imported signing keys, not packages) are left out, and so is a header that does not hold
 * together; a file that is not a SQLite database with that table lists none.
 */
export function parseRpmDatabase(file: Buffer, foundIn: string): InstalledPackage[] {
  let rows;
  try {
    rows = sqliteTableRows(file, 'Packages');
  } catch (e) {
    if (e instanceof SqliteFormatError) return [];
    throw e;
  }
  const packages: InstalledPackage[] = [];
  for (const row of rows) {
    const blob = row.values[1];
    const header = Buffer.isBuffer(blob) ? rpmHeader(blob) : null;
    const name = header?.string(TAG_NAME);
    const version = header?.string(TAG_VERSION);
    if (!header || !name || !version || name === 'gpg-pubkey') continue;
    const epoch = header.int32(TAG_EPOCH);
    const release = header.string(TAG_RELEASE);
    const evr = `${epoch !== null ? `${epoch}:` : ''}${version}${release ? `-${release}` : ''}`;
    const source = sourceName(header.string(TAG_SOURCERPM));
    packages.push({ name, version: evr, type: 'rpm', source: source && source !== name ? source : null, architecture: header.string(TAG_ARCH), foundIn });
  }
  return packages;
}

/** `openssl-3.0.7-24.el9.src.rpm` → `openssl` (the name is all but the last two `-` parts). */
function sourceName(sourceRpm: string | null): string | null {
  const parts = sourceRpm?.replace(/\.src\.rpm$|\.nosrc\.rpm$/, '').split('-') ?? [];
  return parts.length >= 3 ? parts.slice(0, -2).join('-') : null;
}

interface RpmHeader {
  string(tag: number): string | null;
  int32(tag: number): number | null;
}

/**
 * An rpm header as the database stores it (no lead magic): index count and data length (32-bit
 * big-endian), the index entries (tag, type, offset, count: 16 bytes each), then the data.
 * Null when the blob does not hold together.
 */
function rpmHeader(blob: Buffer): RpmHeader | null {
  if (blob.length < 8) return null;
  const count = blob.readUInt32BE(0);
  const dataLength = blob.readUInt32BE(4);
  const dataStart = 8 + count * 16;
  if (count > 0xffff || dataStart + dataLength > blob.length) return null;
  const data = blob.subarray(dataStart, dataStart + dataLength);
  const entry = (tag: number): { type: number; offset: number } | null => {
    for (let i = 0; i < count; i++) {
      const at = 8 + i * 16;
      if (blob.readUInt32BE(at) === tag) return { type: blob.readUInt32BE(at + 4), offset: blob.readUInt32BE(at + 8) };
    }
    return null;
  };
  return {
    string(tag) {
      const found = entry(tag);
      if (!found || ![TYPE_STRING, TYPE_STRING_ARRAY, TYPE_I18NSTRING].includes(found.type) || found.offset >= data.length) return null;
      const end = data.indexOf(0, found.offset);
      return data.toString('utf8', found.offset, end < 0 ? data.length : end);
    },
    int32(tag) {
      const found = entry(tag);
      return found && found.type === TYPE_INT32 && found.offset + 4 <= data.length ? data.readInt32BE(found.offset) : null;
    },
  };
}

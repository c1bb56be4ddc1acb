import * as zlib from 'node:zlib';

/**
 * Writes a zip archive (deflated entries, as osv.dev's `all.zip` exports are) from names and
 * contents, so tests can build one at test time: local headers, the data, then the central
 * directory (PKWARE APPNOTE 4.3). `stored` names entries kept uncompressed; `localExtra` is an
 * extra field every local header carries (as Info-ZIP's timestamps and ids), longer than the
 * central directory's (none), as real archives' are.
 */
export function zipArchive(files: Readonly<Record<string, string | Buffer>>, options: { stored?: readonly string[]; localExtra?: Buffer } = {}): Buffer {
  const extra = options.localExtra ?? Buffer.alloc(0);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const stored = options.stored?.includes(name) ?? false;
    const packed = stored ? data : zlib.deflateRawSync(data as unknown as Uint8Array);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8); // stored or deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, extra, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + extra.length + packed.length;
  }
  const directory = Buffer.concat(centrals as unknown as Uint8Array[]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end] as unknown as Uint8Array[]);
}

/** CRC-32 (IEEE 802.3, reflected), as zip headers carry it. */
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

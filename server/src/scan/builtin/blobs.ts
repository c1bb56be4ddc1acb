import { createHash } from 'crypto';
import { Readable, Transform, type TransformCallback } from 'stream';
import * as zlib from 'zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import { ImageError } from './imageError';
import { byteSize } from './limits';

/** `sha256:<64 hex>` (or sha512); null when `digest` is not one Seaworthy can verify. */
export function digestParts(digest: string): { algorithm: 'sha256' | 'sha512'; hex: string } | null {
  const match = /^(sha256|sha512):([a-f0-9]+)$/.exec(digest);
  if (!match) return null;
  const algorithm = match[1] as 'sha256' | 'sha512';
  const hex = match[2] as string;
  return hex.length === (algorithm === 'sha256' ? 64 : 128) ? { algorithm, hex } : null;
}

/** Throws unless `digest` is a well-formed sha256/sha512 digest; `what` names its owner. */
export function checkedDigest(digest: unknown, what: string): string {
  if (typeof digest !== 'string' || !digestParts(digest)) throw new ImageError('failed', `${what} has no valid digest (${JSON.stringify(digest)?.slice(0, 80)})`);
  return digest;
}

/** The digest of a whole buffer, in `algorithm:hex` form. */
export function digestOf(data: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(view(data)).digest('hex')}`;
}

/** Throws naming `what` when `data` does not hash to `digest`. */
export function verifyBuffer(data: Buffer, digest: string, what: string): Buffer {
  const parts = digestParts(checkedDigest(digest, what));
  const actual = digestOf(data, parts?.algorithm);
  if (actual !== digest) throw mismatch(what, digest, actual);
  return data;
}

function mismatch(what: string, expected: string, actual: string): ImageError {
  return new ImageError('failed', `${what} is corrupt: its content hashes to ${actual}, not ${expected}`);
}

/**
 * Passes bytes through unchanged and fails at the end when they did not hash to `digest`, so a
 * layer is checked while it streams and never held whole.
 */
export function verifyingStream(digest: string, what: string): Transform {
  const parts = digestParts(checkedDigest(digest, what));
  const hash = createHash(parts?.algorithm ?? 'sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(view(chunk));
      callback(null, chunk);
    },
    flush(callback) {
      const actual = `${parts?.algorithm ?? 'sha256'}:${hash.digest('hex')}`;
      callback(actual === digest ? null : mismatch(what, digest, actual));
    },
  });
}

export type Compression = 'gzip' | 'zstd' | 'none';

/** What the first bytes say: gzip `1f 8b`, zstd `28 b5 2f fd`, anything else an uncompressed tar. */
export function sniffCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** The stream that undoes `compression` (a pass-through for none). */
export function decompressor(compression: Compression, what: string): Transform {
  switch (compression) {
    case 'gzip': {
      const gunzip = zlib.createGunzip();
      return gunzip.on('error', (e) => gunzip.destroy(new ImageError('failed', `${what} is not valid gzip: ${e.message}`))) as unknown as Transform;
    }
    case 'zstd':
      return zstdStream(what);
    case 'none':
      return new Transform({ transform: (chunk, _e, callback: TransformCallback) => callback(null, chunk) });
  }
}

function zstdStream(what: string): Transform {
  let push: (data: Uint8Array) => void = () => undefined;
  const inflater = new ZstdDecompress((data) => push(data));
  const fail = (e: unknown): ImageError => new ImageError('failed', `${what} is not valid zstd: ${(e as Error).message}`);
  return new Transform({
    construct(callback) {
      push = (data) => this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      callback();
    },
    transform(chunk: Buffer, _encoding, callback) {
      try {
        inflater.push(view(chunk));
        callback();
      } catch (e) {
        callback(fail(e));
      }
    },
    flush(callback) {
      try {
        inflater.push(new Uint8Array(0), true);
        callback();
      } catch (e) {
        callback(fail(e));
      }
    },
  });
}

/**
 * Reads the first `count` bytes of `stream` without consuming them: the returned stream yields
 * everything from the start.
 */
export function peek(stream: Readable, count: number): Promise<{ head: Buffer; stream: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    const done = (ended: boolean): void => {
      stream.off('readable', onReadable).off('end', onEnd).off('error', onError);
      const head = Buffer.concat(chunks);
      if (ended) resolve({ head, stream: Readable.from(head.length > 0 ? [head] : []) });
      else {
        stream.unshift(head);
        resolve({ head, stream });
      }
    };
    const onReadable = (): void => {
      let chunk: Buffer | null;
      while (length < count && (chunk = stream.read() as Buffer | null) !== null) {
        chunks.push(view(chunk));
        length += chunk.length;
      }
      if (length >= count) done(false);
    };
    const onEnd = (): void => done(true);
    const onError = (e: Error): void => reject(e);
    stream.on('readable', onReadable).once('end', onEnd).once('error', onError);
  });
}

/** The whole of a (small) stream. */
export async function readAll(stream: AsyncIterable<unknown>, limit = Number.MAX_SAFE_INTEGER, what = 'the entry'): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream) {
    length += (chunk as Buffer).length;
    if (length > limit) throw new ImageError('failed', `${what} is larger than ${byteSize(limit)}`);
    chunks.push(view(chunk as Buffer));
  }
  return Buffer.concat(chunks);
}

/**
 * A Buffer as the Uint8Array it is: @types/node 20's Buffer does not type-check as one under
 * TypeScript 5.7+'s generic typed arrays (the `slice` signatures differ).
 */
export function view(buffer: Buffer): Uint8Array {
  return buffer as unknown as Uint8Array;
}

/** Reads a stream to its end, discarding it. */
export async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for await (const _ of stream);
}

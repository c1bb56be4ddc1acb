import { createHash, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';

/**
 * Builds container images with known contents at test time, writing the layer tars, config,
 * manifest and index itself (no Docker, no network): as an OCI image layout folder, as a
 * `docker save` archive, or as blobs for a registry push.
 */

export type TestEntry =
  | { path: string; content: string | Buffer; mode?: number; uid?: number }
  | { path: string; dir: true; mode?: number }
  | { path: string; symlink: string }
  | { path: string; whiteout: true }
  | { path: string; opaque: true };

export type Compression = 'gzip' | 'zstd' | 'none';

export interface TestLayer {
  entries: TestEntry[];
  compression?: Compression;
}

export interface TestImage {
  layers: TestLayer[];
  config: {
    User?: string;
    Env?: string[];
    ExposedPorts?: Record<string, object>;
    Cmd?: string[];
  };
  history?: { created_by: string; empty_layer?: boolean }[];
  architecture?: string;
  os?: string;
  variant?: string;
}

export interface Blob {
  digest: string;
  data: Buffer;
  mediaType: string;
}

export interface BuiltImage {
  manifest: Blob;
  config: Blob;
  layers: Blob[];
  /** Uncompressed tars, in order (a docker save archive stores these). */
  tars: Buffer[];
  platform: { os: string; architecture: string; variant?: string };
}

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/** Bytes as tar-stream and crypto type them (@types/node 20's Buffer is not a TS 5.7+ Uint8Array). */
function bytes(data: string | Buffer): Uint8Array {
  return (typeof data === 'string' ? Buffer.from(data) : data) as unknown as Uint8Array;
}

export function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data as unknown as Uint8Array).digest('hex')}`;
}

/** A layer's tar with every entry owned by root (unless given), mtime 0, modes exactly as given. */
export async function layerTar(entries: readonly TestEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c) => chunks.push(c as Buffer));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  const mtime = new Date(0);
  // Parent folders first, as a real build writes them.
  const dirs = new Set(entries.filter((e) => 'dir' in e).map((e) => e.path));
  for (const e of entries) {
    const parts = ('opaque' in e ? e.path : path.posix.dirname(e.path)).split('/');
    for (let i = 1; i <= parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (parent === '.' || dirs.has(parent)) continue;
      dirs.add(parent);
      pack.entry({ name: parent, type: 'directory', mode: 0o755, mtime });
    }
  }
  for (const e of entries) {
    const dir = path.posix.dirname(e.path);
    const base = path.posix.basename(e.path);
    if ('whiteout' in e) pack.entry({ name: path.posix.join(dir, `.wh.${base}`), mtime, size: 0 }, '');
    else if ('opaque' in e) pack.entry({ name: `${e.path}/.wh..wh..opq`, mtime }, '');
    else if ('dir' in e) pack.entry({ name: e.path, type: 'directory', mode: e.mode ?? 0o755, mtime });
    else if ('symlink' in e) pack.entry({ name: e.path, type: 'symlink', linkname: e.symlink, mode: 0o777, mtime });
    else pack.entry({ name: e.path, mode: e.mode ?? 0o644, uid: e.uid ?? 0, gid: e.uid ?? 0, mtime }, bytes(e.content));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks as unknown as Uint8Array[]);
}

/**
 * A valid zstd frame holding `data` in raw (stored) blocks: what any zstd decoder reads, written
 * without a zstd compressor (RFC 8878: a frame header with a 128 KiB window, 3-byte block headers).
 */
export function zstdFrame(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3])];
  const blockMax = 128 * 1024;
  let offset = 0;
  do {
    const size = Math.min(blockMax, data.length - offset);
    const last = offset + size >= data.length ? 1 : 0;
    const header = (size << 3) | last; // block type 0: raw
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), data.subarray(offset, offset + size));
    offset += size;
  } while (offset < data.length);
  return Buffer.concat(parts as unknown as Uint8Array[]);
}

const LAYER_TYPES: Record<Compression, string> = {
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  none: 'application/vnd.oci.image.layer.v1.tar',
};

function compress(data: Buffer, compression: Compression): Buffer {
  if (compression === 'gzip') return zlib.gzipSync(data as unknown as Uint8Array);
  if (compression === 'zstd') return zstdFrame(data);
  return data;
}

function jsonBlob(value: unknown, mediaType: string): Blob {
  const data = Buffer.from(JSON.stringify(value));
  return { digest: sha256(data), data, mediaType };
}

/** Layers, config and manifest of `image`, every digest computed from the bytes. */
export async function buildImage(image: TestImage): Promise<BuiltImage> {
  const tars = await Promise.all(image.layers.map((l) => layerTar(l.entries)));
  const layers = tars.map((t, i) => {
    const compression = image.layers[i]?.compression ?? 'gzip';
    const data = compress(t, compression);
    return { digest: sha256(data), data, mediaType: LAYER_TYPES[compression] };
  });
  const platform = { os: image.os ?? 'linux', architecture: image.architecture ?? 'amd64', ...(image.variant ? { variant: image.variant } : {}) };
  const config = jsonBlob(
    {
      ...platform,
      config: image.config,
      rootfs: { type: 'layers', diff_ids: tars.map(sha256) },
      history: image.history ?? image.layers.map((_, i) => ({ created_by: `COPY layer${i} /` })),
    },
    'application/vnd.oci.image.config.v1+json',
  );
  const manifest = jsonBlob(
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: config.mediaType, digest: config.digest, size: config.data.length },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.data.length })),
    },
    OCI_MANIFEST,
  );
  return { manifest, config, layers, tars, platform };
}

/** An index over several platform images. */
export function indexOf(images: readonly BuiltImage[]): Blob {
  return jsonBlob(
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: images.map((i) => ({ mediaType: OCI_MANIFEST, digest: i.manifest.digest, size: i.manifest.data.length, platform: i.platform })),
    },
    OCI_INDEX,
  );
}

/** Writes an OCI image layout: each tag points at an image's manifest (or at an index). */
export function writeOciLayout(dir: string, tags: Record<string, BuiltImage | { index: Blob; images: BuiltImage[] }>): void {
  fs.mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const put = (blob: Blob): void => fs.writeFileSync(path.join(dir, 'blobs', 'sha256', blob.digest.slice('sha256:'.length)), blob.data as unknown as Uint8Array);
  const manifests = Object.entries(tags).map(([tag, target]) => {
    const images = 'index' in target ? target.images : [target];
    for (const image of images) [image.manifest, image.config, ...image.layers].forEach(put);
    const top = 'index' in target ? target.index : target.manifest;
    put(top);
    return { mediaType: top.mediaType, digest: top.digest, size: top.data.length, annotations: { 'org.opencontainers.image.ref.name': tag } };
  });
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
}

/** Writes a `docker save` (legacy layout) archive: manifest.json, `<config>.json`, uncompressed `<diffid>/layer.tar`. */
export async function writeDockerArchive(file: string, image: BuiltImage, repoTag: string): Promise<void> {
  const pack = tar.pack();
  const out = fs.createWriteStream(file);
  const written = new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
  pack.pipe(out);
  const hex = (digest: string): string => digest.slice('sha256:'.length);
  const layerNames = image.tars.map((t) => `${hex(sha256(t))}/layer.tar`);
  image.tars.forEach((t, i) => pack.entry({ name: layerNames[i] as string, mtime: new Date(0) }, bytes(t)));
  pack.entry({ name: `${hex(image.config.digest)}.json`, mtime: new Date(0) }, bytes(image.config.data));
  pack.entry({ name: 'manifest.json', mtime: new Date(0) }, JSON.stringify([{ Config: `${hex(image.config.digest)}.json`, RepoTags: [repoTag], Layers: layerNames }]));
  pack.finalize();
  await written;
}

/** A PEM private key made now (RSA 1024: quick, and as real as any). */
export function privateKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
}

export const DPKG_STATUS = [
  ['base-files', '12.4+deb12u5', 'amd64'],
  ['bash', '5.2.15-2+b2', 'amd64'],
  ['libc6', '2.36-9+deb12u4', 'amd64'],
  ['libssl3', '3.0.11-1~deb12u2', 'amd64', 'openssl'],
  ['apt', '2.6.1', 'amd64'],
  ['dpkg', '1.21.22', 'amd64'],
]
  .map(([name, version, arch, source]) => `Package: ${name}\nStatus: install ok installed\nPriority: required\nArchitecture: ${arch}\n${source ? `Source: ${source}\n` : ''}Version: ${version}\nDescription: ${name}\n`)
  .join('\n');

export const DEBIAN_12_OS_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n';

/**
 * The image every finding fires on: runs as root, an env secret and an ARG value in history,
 * port 22, Debian 12 with a dpkg status, bash and apt, a setuid binary, a world-writable file,
 * a private key in the final file system and another deleted in a later layer.
 */
export function insecureImage(key: string, compression: Compression = 'gzip'): TestImage {
  return {
    layers: [
      {
        compression,
        entries: [
          { path: 'etc', dir: true },
          { path: 'etc/os-release', content: DEBIAN_12_OS_RELEASE },
          { path: 'var/lib/dpkg/status', content: DPKG_STATUS },
          { path: 'bin/bash', content: '#!bash\n', mode: 0o755 },
          { path: 'bin/sh', symlink: 'bash' },
          { path: 'usr/bin/apt-get', content: 'apt', mode: 0o755 },
          { path: 'usr/bin/passwd', content: 'passwd', mode: 0o4755 },
          { path: 'tmp', dir: true, mode: 0o1777 },
        ],
      },
      {
        compression,
        entries: [
          { path: 'app/deploy_key', content: key, mode: 0o600 },
          { path: 'app/server.key', content: key, mode: 0o600 },
          { path: 'app/data/cache.db', content: 'cache', mode: 0o666 },
        ],
      },
      { compression, entries: [{ path: 'app/deploy_key', whiteout: true }] },
    ],
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'DB_PASSWORD=Zq8w-r4nd0m-S3cret'],
      ExposedPorts: { '22/tcp': {}, '8080/tcp': {} },
      Cmd: ['/bin/bash'],
    },
    history: [
      { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
      { created_by: 'ARG NPM_TOKEN=npm_Abc123Secret456', empty_layer: true },
      { created_by: 'COPY app /app # buildkit' },
      { created_by: 'RUN |1 NPM_TOKEN=npm_Abc123Secret456 /bin/sh -c rm /app/deploy_key # buildkit' },
    ],
  };
}

/** A clean image: non-root user, no secrets, no shell, one file. */
export function cleanImage(): TestImage {
  return {
    layers: [{ entries: [{ path: 'app/server.js', content: 'console.log(1)\n' }] }],
    config: { User: '10001:10001', Env: ['PATH=/usr/bin'], Cmd: ['/app/server'] },
  };
}

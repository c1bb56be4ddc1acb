import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { debianPackagesSkipReason } from './debianPackages';
import { REPO_ROOT } from './paths';
import { OCI_INDEX, OCI_MANIFEST } from './testImages';

/**
 * A real Debian root file system: `debootstrap --variant=minbase bookworm` (about 200 MB, 88
 * packages, real setuid files and a real dpkg database), built once as root and kept in
 * `.cache/minbase/` (a few minutes the first time, then reused). The mirror is the one apt uses.
 */
export const MINBASE_DIR = path.join(REPO_ROOT, '.cache', 'minbase', 'bookworm');
const MIRROR = 'http://deb.debian.org/debian';

/** Installs debootstrap and dpkg when missing (as root); why the minbase tests cannot run, or null. */
export function minbaseSkipReason(): string | null {
  if (fs.existsSync(path.join(MINBASE_DIR, 'var', 'lib', 'dpkg', 'status'))) return null;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const reason = debianPackagesSkipReason({ '/usr/sbin/debootstrap': 'debootstrap', '/usr/bin/dpkg-query': 'dpkg' }, 'the debootstrap minbase tests');
  if (reason) return reason;
  if (!isRoot) {
    const why = 'debootstrap needs root to build the minbase tree (.cache/minbase/bookworm)';
    if (process.env.SEAWORTHY_E2E_REQUIRED === '1') throw new Error(`SEAWORTHY_E2E_REQUIRED=1 and the minbase tests would be skipped: ${why}`);
    return why;
  }
  return null;
}

/** The minbase tree, built first when it is not in the cache (into a temporary folder, renamed when complete). */
export function minbaseRootfs(): string {
  if (fs.existsSync(path.join(MINBASE_DIR, 'var', 'lib', 'dpkg', 'status'))) return MINBASE_DIR;
  const building = `${MINBASE_DIR}.tmp`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(MINBASE_DIR), { recursive: true });
  execFileSync('debootstrap', ['--variant=minbase', 'bookworm', building, MIRROR], { stdio: 'ignore' });
  // apt's downloaded packages are not part of an image anyone ships.
  fs.rmSync(path.join(building, 'var', 'cache', 'apt', 'archives'), { recursive: true, force: true });
  fs.renameSync(building, MINBASE_DIR);
  return MINBASE_DIR;
}

/** What `dpkg-query` says is installed in a tree: `name version architecture` lines, sorted. */
export function dpkgQueryInstalled(root: string): string[] {
  const out = execFileSync('dpkg-query', [`--admindir=${path.join(root, 'var', 'lib', 'dpkg')}`, '-W', '-f', '${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\n'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.startsWith('ii'))
    .map((l) => l.split('\t').slice(1).join(' '))
    .sort();
}

/** One layer of a tree image: the tree, placed under `under` (`opt/copy`) or at the root. */
export interface TreeLayer {
  dir: string;
  under?: string;
}

/**
 * Writes an OCI layout (tag `tag`) whose layers are real trees packed by GNU tar (owners and
 * modes kept, as root's tar keeps setuid bits), gzip-compressed and hashed as they stream to
 * disk: nothing is held whole in memory. Returns the unpacked bytes (the tars' sizes).
 */
export async function writeTreeLayout(layout: string, tag: string, layers: readonly TreeLayer[]): Promise<number> {
  const blobs = path.join(layout, 'blobs', 'sha256');
  fs.mkdirSync(blobs, { recursive: true });
  let unpacked = 0;
  const written: { digest: string; size: number; diffId: string }[] = [];
  for (const layer of layers) {
    const args = ['--sort=name', '--numeric-owner', '-C', layer.dir, '-cf', '-', '.'];
    if (layer.under) args.unshift(`--transform=s,^\\.,./${layer.under},S`);
    const child = spawn('tar', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const tarHash = createHash('sha256');
    const gzHash = createHash('sha256');
    let gzSize = 0;
    const temporary = path.join(blobs, 'layer.tmp');
    await pipeline(
      child.stdout,
      tee((chunk) => {
        tarHash.update(chunk as unknown as Uint8Array);
        unpacked += chunk.length;
      }),
      zlib.createGzip({ level: 1 }),
      tee((chunk) => {
        gzHash.update(chunk as unknown as Uint8Array);
        gzSize += chunk.length;
      }),
      fs.createWriteStream(temporary),
    );
    const code = await exited;
    if (code !== 0) throw new Error(`tar of ${layer.dir} exited with ${code}`);
    const digest = gzHash.digest('hex');
    fs.renameSync(temporary, path.join(blobs, digest));
    written.push({ digest: `sha256:${digest}`, size: gzSize, diffId: `sha256:${tarHash.digest('hex')}` });
  }
  const put = (value: unknown): { digest: string; size: number } => {
    const data = Buffer.from(JSON.stringify(value));
    const digest = createHash('sha256').update(data as unknown as Uint8Array).digest('hex');
    fs.writeFileSync(path.join(blobs, digest), data as unknown as Uint8Array);
    return { digest: `sha256:${digest}`, size: data.length };
  };
  const config = put({
    os: 'linux',
    architecture: 'amd64',
    config: { Cmd: ['/bin/bash'] },
    rootfs: { type: 'layers', diff_ids: written.map((l) => l.diffId) },
    history: layers.map((l) => ({ created_by: `ADD ${path.basename(l.dir)} /${l.under ?? ''}` })),
  });
  const manifest = put({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: written.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: l.digest, size: l.size })),
  });
  fs.writeFileSync(path.join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  fs.writeFileSync(path.join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, ...manifest, annotations: { 'org.opencontainers.image.ref.name': tag } }] }));
  return unpacked;
}

function tee(onChunk: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onChunk(chunk);
      done(null, chunk);
    },
  });
}

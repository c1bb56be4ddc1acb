import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readImage, localSource, type ImageContents } from '../../server/src/scan/builtin/imageReader';
import type { ContentInspector } from '../../server/src/scan/builtin/layerReader';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from '../../server/src/scan/builtin/limits';
import { buildImage, cleanImage, indexOf, insecureImage, privateKeyPem, writeDockerArchive, writeOciLayout, type Compression } from '../support/testImages';

/** Keeps every small file, so the tests can see what each layer held. */
const KEEP_SMALL: ContentInspector = { limitFor: () => 64 * 1024, keep: () => true };

async function read(reference: string, options: { platform?: string; limits?: ImageLimits } = {}): Promise<ImageContents> {
  const source = localSource(reference, { platform: options.platform ?? null });
  assert.ok(source, reference);
  return readImage(source, KEEP_SMALL, options.limits ?? DEFAULT_IMAGE_LIMITS);
}

function summary(contents: ImageContents): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, f] of [...contents.files].sort(([a], [b]) => a.localeCompare(b))) out[p] = `${f.meta.type} ${f.meta.mode.toString(8)} layer${f.layer}`;
  return out;
}

const EXPECTED_FINAL = {
  app: 'directory 755 layer2',
  'app/data': 'directory 755 layer1',
  'app/data/cache.db': 'file 666 layer1',
  'app/server.key': 'file 600 layer1',
  bin: 'directory 755 layer0',
  'bin/bash': 'file 755 layer0',
  'bin/sh': 'symlink 777 layer0',
  etc: 'directory 755 layer0',
  'etc/os-release': 'file 644 layer0',
  tmp: 'directory 1777 layer0',
  usr: 'directory 755 layer0',
  'usr/bin': 'directory 755 layer0',
  'usr/bin/apt-get': 'file 755 layer0',
  'usr/bin/passwd': 'file 4755 layer0',
  var: 'directory 755 layer0',
  'var/lib': 'directory 755 layer0',
  'var/lib/dpkg': 'directory 755 layer0',
  'var/lib/dpkg/status': 'file 644 layer0',
};

describe('built-in scanner: image sources (OCI layout, docker save archive)', () => {
  let dir: string;
  const key = privateKeyPem();
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-sources-'));
    const compressions: Compression[] = ['gzip', 'zstd', 'none'];
    const built = await Promise.all(compressions.map((c) => buildImage(insecureImage(key, c))));
    const arm = await buildImage({ ...cleanImage(), architecture: 'arm64', variant: 'v8' });
    const amd = await buildImage(cleanImage());
    writeOciLayout(path.join(dir, 'layout'), {
      gzip: built[0]!,
      zstd: built[1]!,
      none: built[2]!,
      multi: { index: indexOf([amd, arm]), images: [amd, arm] },
    });
    writeOciLayout(path.join(dir, 'single'), { '1.0': amd });
    await writeDockerArchive(path.join(dir, 'app.tar'), built[0]!, 'registry.example/app:1.0');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const compression of ['gzip', 'zstd', 'none']) {
    it(`reads a ${compression} OCI layout and applies the whiteout of a later layer`, async () => {
      const contents = await read(`oci:${dir}/layout:${compression}`);
      assert.deepEqual(summary(contents), EXPECTED_FINAL);
      // The deleted key is gone from the final file system but still in layer 1's blob.
      assert.equal(contents.layers[1]?.kept.get('app/deploy_key')?.toString(), key);
      assert.deepEqual(contents.layers[2]?.whiteouts, ['app/deploy_key']);
      assert.match(contents.image.digest ?? '', /^sha256:[a-f0-9]{64}$/);
    });
  }

  it('reads a docker save archive to the same file system', async () => {
    const contents = await read(`docker-archive:${dir}/app.tar`);
    assert.deepEqual(summary(contents), EXPECTED_FINAL);
    assert.equal(contents.image.config.config?.Env?.[1], 'DB_PASSWORD=Zq8w-r4nd0m-S3cret');
    const named = await read(`docker-archive:${dir}/app.tar:registry.example/app:1.0`);
    assert.equal(named.files.size, contents.files.size);
  });

  it('resolves a multi-platform index to linux/amd64 by default, or to the platform asked for', async () => {
    const amd = await read(`oci:${dir}/layout:multi`);
    const arm = await read(`oci:${dir}/layout:multi`, { platform: 'linux/arm64' });
    assert.equal(amd.image.config.architecture, 'amd64');
    assert.equal(arm.image.config.architecture, 'arm64');
    await assert.rejects(read(`oci:${dir}/layout:multi`, { platform: 'linux/s390x' }), /has no image for linux\/s390x; it offers linux\/amd64, linux\/arm64\/v8/);
  });

  it('takes the only image of a layout without a tag, and names the tags when one is needed', async () => {
    assert.equal((await read(`oci:${dir}/single`)).files.get('app/server.js')?.meta.size, 15);
    await assert.rejects(read(`oci:${dir}/layout`), /holds 4 images: name one as oci:.*:TAG \(gzip, zstd, none, multi\)/);
    await assert.rejects(read(`oci:${dir}/layout:2.0`), /has no image tagged '2.0'; it has gzip, zstd, none, multi/);
    await assert.rejects(read(`oci:${dir}/nowhere`), /is not an OCI image layout \(it has no oci-layout file\): the folder does not exist/);
    await assert.rejects(read(`docker-archive:${dir}/app.tar:other/app:2`), /has no image named other\/app:2; it has registry.example\/app:1.0/);
  });

  it('fails naming the blob when a layer does not match its digest', async () => {
    const copy = path.join(dir, 'corrupt');
    fs.cpSync(path.join(dir, 'single'), copy, { recursive: true });
    const index = JSON.parse(fs.readFileSync(path.join(copy, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'blobs/sha256', index.manifests[0]!.digest.slice(7)), 'utf8')) as { layers: { digest: string }[] };
    const layer = manifest.layers[0]!.digest;
    const blob = path.join(copy, 'blobs/sha256', layer.slice(7));
    const bytes = fs.readFileSync(blob);
    // A byte of the deflate data: gunzip fails, or the digest does.
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 12) ^ 0xff, bytes.length - 12);
    fs.writeFileSync(blob, bytes as unknown as Uint8Array);
    await assert.rejects(read(`oci:${copy}`), (e: Error) => e.message.includes(layer) && /corrupt|not valid gzip/.test(e.message));
  });

  it('stops at the limits with a message naming the limit', async () => {
    const limits = (change: Partial<ImageLimits>): { limits: ImageLimits } => ({ limits: { ...DEFAULT_IMAGE_LIMITS, ...change } });
    await assert.rejects(read(`oci:${dir}/layout:gzip`, limits({ entries: 5 })), /the image has more than 5 files \(the limit\); stopped in layer 1/);
    await assert.rejects(read(`oci:${dir}/layout:gzip`, limits({ depth: 2 })), /is 3 folders deep, more than the limit of 2/);
    await assert.rejects(read(`oci:${dir}/layout:gzip`, limits({ totalBytes: 100 })), /the image's layers unpack to more than 100 bytes \(the limit\)/);
  });

  it('applies an opaque directory: what the layers below had there is gone', async () => {
    const image = await buildImage({
      layers: [
        { entries: [{ path: 'etc/app/old.conf', content: 'old' }, { path: 'etc/app/keep/x', content: 'x' }] },
        { entries: [{ path: 'etc/app', opaque: true }, { path: 'etc/app/new.conf', content: 'new' }] },
      ],
      config: {},
    });
    writeOciLayout(path.join(dir, 'opaque'), { latest: image });
    const contents = await read(`oci:${dir}/opaque`);
    assert.deepEqual(Object.keys(summary(contents)), ['etc', 'etc/app', 'etc/app/new.conf']);
  });
});

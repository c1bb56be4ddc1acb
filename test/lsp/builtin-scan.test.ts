import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';
import { tempWorkspace } from '../support/lspWorkspace';
import { Registry, registrySkipReason } from '../support/registryHarness';
import { buildImage, insecureImage, privateKeyPem } from '../support/testImages';

interface ScanResult {
  scans: { image: string; engine: string; digest: string | null; findings: { ruleId: string }[] }[];
  failures: { image: string; kind: string; message: string }[];
}

const skip = registrySkipReason();

describe('language server: Scan Image with no scanner installed uses the built-in engine', { skip: skip ?? false }, () => {
  const ws = tempWorkspace('builtin-scan');
  const emptyPath = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-no-scanners-'));
  let registry: Registry;
  let client: LspClient;
  let digest: string;

  before(async () => {
    registry = await Registry.start();
    const image = await buildImage(insecureImage(privateKeyPem()));
    digest = image.manifest.digest;
    await registry.push('app', '1.0', image);
    client = await LspClient.start({ workspaceFolders: [ws.dir], env: { ...process.env, PATH: emptyPath }, settings: () => ({ scan: { engine: 'auto' } }) });
  });
  after(async () => {
    await client?.stop();
    await registry?.stop();
    fs.rmSync(emptyPath, { recursive: true, force: true });
  });

  it('scans the image a FROM line names through the registry and reports its findings', async () => {
    const uri = ws.uri('Dockerfile');
    client.open(uri, 'dockerfile', `FROM ${registry.host}/app:1.0\nUSER 10001\n`);
    await client.diagnostics(uri, 1);
    const result = (await client.connection.sendRequest('seaworthy/scanImages', { uri })) as ScanResult;
    assert.deepEqual(result.failures, []);
    const scan = result.scans[0];
    assert.deepEqual([scan?.image, scan?.engine, scan?.digest], [`${registry.host}/app:1.0`, 'builtin', digest]);
    const ids = new Set(scan?.findings.map((f) => f.ruleId));
    for (const id of ['image-runs-as-root', 'image-private-key', 'image-setuid-file', 'image-env-secret', 'image-os-end-of-life']) assert.ok(ids.has(id), id);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';
import { FIXTURES } from '../support/paths';
import { tempWorkspace } from '../support/lspWorkspace';
import { Registry, registrySkipReason } from '../support/registryHarness';
import { buildImage, insecureImage, privateKeyPem } from '../support/testImages';

interface ScanResult {
  scans: { image: string; engine: string; digest: string | null; findings: { ruleId: string }[]; vulnerabilities: { id: string; package: string; fixedVersion: string | null }[] }[];
  failures: { image: string; kind: string; message: string }[];
}

const skip = registrySkipReason();

describe('language server: Scan Image with no scanner installed uses the built-in engine', { skip: skip ?? false }, () => {
  const ws = tempWorkspace('builtin-scan');
  const emptyPath = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-no-scanners-'));
  let registry: Registry;
  let client: LspClient;
  let digest: string;
  let scanSettings: Record<string, unknown> = { engine: 'auto' };

  before(async () => {
    registry = await Registry.start();
    const image = await buildImage(insecureImage(privateKeyPem()));
    digest = image.manifest.digest;
    await registry.push('app', '1.0', image);
    client = await LspClient.start({ workspaceFolders: [ws.dir], env: { ...process.env, PATH: emptyPath }, settings: () => ({ scan: scanSettings }) });
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

  it('matches the inventory against the OSV database the setting names, and the FROM line says what it found', async () => {
    scanSettings = { engine: 'auto', osvDatabase: path.join(FIXTURES, 'osv', 'debian-12') };
    const uri = ws.uri('Dockerfile');
    const published = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'image-vulnerabilities' && /1 medium, 1 low/.test(String(d.message))));
    const result = (await client.connection.sendRequest('seaworthy/scanImages', { uri, refresh: true })) as ScanResult;
    assert.deepEqual(result.failures, []);
    assert.deepEqual(
      result.scans[0]?.vulnerabilities.map((v) => [v.id, v.package, v.fixedVersion]),
      [
        ['DEBIAN-CVE-2024-0727', 'libssl3', '3.0.13-1~deb12u1'],
        ['DEBIAN-CVE-2022-3715', 'bash', null],
      ],
    );
    const line = (await published).diagnostics.find((d) => d.code === 'image-vulnerabilities');
    assert.match(String(line?.message ?? ''), new RegExp(`^${registry.host.replace(/\./g, '\\.')}/app:1\\.0: 1 medium, 1 low \\(Seaworthy scan\\)`));
  });
});

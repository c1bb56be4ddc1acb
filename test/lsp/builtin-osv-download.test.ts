import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { ConnectProxy } from '../support/connectProxy';
import { LspClient } from '../support/lspClient';
import { buildImage, insecureImage, privateKeyPem, writeOciLayout } from '../support/testImages';
import { folderSnapshot, OsvExportServer } from '../support/osvExportServer';

interface DownloadResult {
  folder: string;
  exports: { ecosystem: string; file: string; bytes: number; records: number }[];
}

describe('language server: seaworthy/downloadOsvDatabase fetches the OSV exports into the extension storage', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-osv-download-'));
  const storage = path.join(root, 'storage', 'osv');
  const layout = path.join(root, 'layout');
  let exportsServer: OsvExportServer;
  let client: LspClient;

  before(async () => {
    exportsServer = await OsvExportServer.start();
    writeOciLayout(layout, { '1.0': await buildImage(insecureImage(privateKeyPem())) });
    client = await LspClient.start({
      workspaceFolders: [root],
      env: { ...process.env, SEAWORTHY_OSV_DIR: storage, SEAWORTHY_OSV_URL: exportsServer.url },
      settings: () => ({ scan: { engine: 'builtin' } }),
    });
  });
  after(async () => {
    await client?.stop();
    await exportsServer?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('before any download a scan says vulnerabilities were not checked', async () => {
    const result = (await client.connection.sendRequest('seaworthy/scanImages', { images: [`oci:${layout}:1.0`] })) as { scans: { vulnerabilities: unknown[]; findings: { ruleId: string }[] }[] };
    assert.deepEqual(result.scans[0]?.vulnerabilities, []);
    assert.ok(result.scans[0]?.findings.some((f) => f.ruleId === 'vulnerabilities-not-checked'));
  });

  it('downloads every ecosystem with progress, and the next scan matches against it', async () => {
    const ended = client.nextProgress((v) => (v as { kind?: string }).kind === 'end');
    const result = (await client.connection.sendRequest('seaworthy/downloadOsvDatabase', { workDoneToken: 'osv-1' })) as DownloadResult;
    await ended;
    assert.equal(result.folder, storage);
    assert.deepEqual(
      result.exports.map((e) => [e.ecosystem, path.basename(e.file), e.bytes, e.records]),
      ['Debian', 'Alpine', 'npm', 'PyPI', 'Go'].map((e) => [e, `${e}.zip`, exportsServer.zips.get(e)!.length, e === 'Debian' ? 4 : 1]),
    );
    assert.deepEqual(fs.readdirSync(storage).sort(), ['Alpine.zip', 'Debian.zip', 'Go.zip', 'PyPI.zip', 'npm.zip']);
    const reports = client.progress.map((v) => String((v as { message?: string }).message ?? ''));
    assert.ok(reports.some((m) => /^Debian \(1 of 5\): \d+\.\d MB of \d+\.\d MB$/.test(m)), reports.join('\n'));
    assert.ok(reports.some((m) => /^Go \(5 of 5\)/.test(m)), reports.join('\n'));

    const scan = (await client.connection.sendRequest('seaworthy/scanImages', { images: [`oci:${layout}:1.0`], refresh: true })) as { scans: { vulnerabilities: { id: string }[] }[] };
    assert.deepEqual(scan.scans[0]?.vulnerabilities.map((v) => v.id).sort(), ['DEBIAN-CVE-2022-3715', 'DEBIAN-CVE-2024-0727']);
  });

  for (const [mode, ecosystem, message] of [
    ['404', 'npm', /npm\/all\.zip answered 404 \(no such export\); the previous database is kept/],
    ['500', 'Alpine', /Alpine\/all\.zip answered 500; the previous database is kept/],
    ['drop', 'Debian', /Debian\/all\.zip failed: 127\.0\.0\.1:\d+ dropped the connection; the previous database is kept/],
    ['garbage', 'PyPI', /PyPI\/all\.zip is not a zip archive: .*; the previous database is kept/],
  ] as const) {
    it(`a ${{ '404': 'missing export', '500': 'server error', drop: 'dropped connection', garbage: 'download that is not a zip' }[mode]} fails with its reason, leaving the previous database and no partial file`, async () => {
      const before = folderSnapshot(storage);
      exportsServer.modes.set(ecosystem, mode);
      try {
        await assert.rejects(client.connection.sendRequest('seaworthy/downloadOsvDatabase', {}), (e: Error) => (assert.match(e.message, message), true));
      } finally {
        exportsServer.modes.delete(ecosystem);
      }
      assert.deepEqual(folderSnapshot(storage), before);
    });
  }

  it('goes through the proxy HTTP_PROXY names, as registry requests do', async () => {
    const proxy = await ConnectProxy.start({ 'osv.proxy.test': '127.0.0.1' });
    const port = new URL(exportsServer.url).port;
    const proxied = path.join(root, 'proxied');
    const viaProxy = await LspClient.start({ workspaceFolders: [root], env: { ...process.env, SEAWORTHY_OSV_DIR: proxied, SEAWORTHY_OSV_URL: `http://osv.proxy.test:${port}/`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}` } });
    try {
      const result = (await viaProxy.connection.sendRequest('seaworthy/downloadOsvDatabase', {})) as DownloadResult;
      assert.deepEqual(result.exports.map((e) => e.records), [4, 1, 1, 1, 1]);
      assert.deepEqual(proxy.tunnels, Array(5).fill(`osv.proxy.test:${port}`));
    } finally {
      await viaProxy.stop();
      await proxy.stop();
    }
  });

  it('cancelling stops the download, leaving the previous database and no partial file', async () => {
    const before = folderSnapshot(storage);
    exportsServer.modes.set('Alpine', 'hang');
    const cancel = new CancellationTokenSource();
    try {
      const stalled = exportsServer.stalledOnce();
      const request = client.connection.sendRequest('seaworthy/downloadOsvDatabase', {}, cancel.token);
      await stalled;
      cancel.cancel();
      await assert.rejects(request, (e: Error & { code?: number }) => (assert.equal(e.code, -32800), assert.match(e.message, /cancelled; the previous database is kept/), true));
    } finally {
      exportsServer.modes.delete('Alpine');
    }
    assert.deepEqual(folderSnapshot(storage), before);
  });
});

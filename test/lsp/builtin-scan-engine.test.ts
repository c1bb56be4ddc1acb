import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';
import { tempWorkspace } from '../support/lspWorkspace';
import { FakeScanners } from '../support/fakeScanners';

/**
 * `seaworthy/scanEngine`: the engine "Scan Image…" asks about before it offers the local
 * engine's images (as `docker-daemon:NAME:TAG` when the built-in engine will scan them).
 */
describe('language server: seaworthy/scanEngine resolves auto the way a scan does', () => {
  const ws = tempWorkspace('builtin-scan-engine');
  const withTrivy = new FakeScanners(['trivy']);
  const without = new FakeScanners([]);
  const clients: LspClient[] = [];
  let scanSettings: Record<string, unknown> = {};

  const start = async (scanners: FakeScanners): Promise<LspClient> => {
    const client = await LspClient.start({ workspaceFolders: [ws.dir], env: { ...process.env, ...scanners.env({}) }, settings: () => ({ scan: scanSettings }) });
    clients.push(client);
    return client;
  };
  const engineOf = async (client: LspClient, params: Record<string, unknown> = {}): Promise<unknown> =>
    ((await client.connection.sendRequest('seaworthy/scanEngine', params)) as { engine: unknown }).engine;

  let trivyClient: LspClient;
  let bareClient: LspClient;
  before(async () => {
    [trivyClient, bareClient] = await Promise.all([start(withTrivy), start(without)]);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.stop()));
    withTrivy.dispose();
    without.dispose();
  });

  it('auto is the built-in engine when no external scanner is on PATH, and the first installed one otherwise', async () => {
    scanSettings = { engine: 'auto' };
    assert.equal(await engineOf(bareClient), 'builtin');
    assert.equal(await engineOf(trivyClient, { uri: ws.uri('Dockerfile') }), 'trivy');
  });

  it('a named engine is that engine, installed or not', async () => {
    scanSettings = { engine: 'builtin' };
    assert.equal(await engineOf(trivyClient), 'builtin');
    scanSettings = { engine: 'grype' };
    assert.equal(await engineOf(bareClient), 'grype');
  });

  it('an untrusted workspace ignores a scanner path its settings name', async () => {
    scanSettings = { engine: 'auto', trivyPath: withTrivy.install('trivy', `${without.dir}/trivy`) };
    assert.equal(await engineOf(bareClient, { trusted: true }), 'trivy');
    assert.equal(await engineOf(bareClient, { trusted: false }), 'builtin');
  });
});

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { CheckWorkspaceRequest } from '../../server/src/lsp/protocol';
import { networkPolicy, workload } from '../support/k8sManifests';
import { LspClient } from '../support/lspClient';
import { ofRule, tempWorkspace } from '../support/lspWorkspace';

const RULE = 'namespace-without-network-policy';
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

describe('language server: Check Workspace finds namespaces without a NetworkPolicy', () => {
  const ws = tempWorkspace('k8s-network-policy');
  ws.write('cluster/namespaces.yaml', NAMESPACE);
  ws.write('apps/web.yaml', workload('Deployment', 'web', 'shop'));
  ws.write('apps/api.yaml', workload('Deployment', 'api', 'shop'));
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());
  const namespaces = ws.uri('cluster/namespaces.yaml');
  const gaps = (p: PublishDiagnosticsParams | undefined): string[] => ofRule(p?.diagnostics ?? [], RULE).map((d) => String(d.message));
  const lastFor = (uri: string): PublishDiagnosticsParams | undefined => client.published.filter((p) => p.uri === uri).at(-1);

  it('reports once, on the Namespace object in its own file, naming the workloads of the other files', async () => {
    const result = await client.connection.sendRequest(CheckWorkspaceRequest, {});
    const found = ofRule(lastFor(namespaces)!.diagnostics, RULE);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 12 } });
    assert.match(String(found[0]!.message), /^Namespace "shop" has no NetworkPolicy, so every pod in the cluster can reach its workloads \(Deployment "api", Deployment "web"\)/);
    assert.deepEqual(gaps(lastFor(ws.uri('apps/web.yaml'))), []);
    // Counted in the summary with the files' own findings.
    const all = [namespaces, ws.uri('apps/web.yaml'), ws.uri('apps/api.yaml')].map((u) => lastFor(u)!.diagnostics.length).reduce((a, b) => a + b, 0);
    assert.equal(result.findings, all);
  });

  it('clears it when a NetworkPolicy appears on disk, and names what the policy stops selecting', async () => {
    const cleared = client.nextDiagnostics(namespaces, (p) => gaps(p).length === 0);
    ws.write('policies/shop.yaml', networkPolicy('shop', '{}'));
    client.filesChanged([ws.uri('policies/shop.yaml')], FileChangeType.Created);
    await cleared;
    const back = client.nextDiagnostics(namespaces, (p) => gaps(p).length === 1);
    ws.write('policies/shop.yaml', networkPolicy('shop', '\n    matchLabels: {app: web}'));
    client.filesChanged([ws.uri('policies/shop.yaml')]);
    // Now only api is left unselected.
    const message = gaps(await back)[0]!;
    assert.match(message, /Deployment "api"/);
    assert.doesNotMatch(message, /Deployment "web"/);
  });

  it('never claims it in an open document as typed: one file cannot see the others', async () => {
    client.open(namespaces, 'yaml', NAMESPACE);
    assert.deepEqual(gaps(await client.diagnostics(namespaces, 1)), []);
  });
});

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { CheckWorkspaceRequest } from '../../server/src/lsp/protocol';
import { networkPolicy, workload } from '../support/k8sManifests';
import { LspClient } from '../support/lspClient';
import { ofRule, tempWorkspace } from '../support/lspWorkspace';

const RULE = 'namespace-without-network-policy';
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
const gaps = (p: PublishDiagnosticsParams | undefined): string[] => ofRule(p?.diagnostics ?? [], RULE).map((d) => String(d.message));

/** A workspace with Namespace "shop" and two Deployments in it, each in a file of its own, and a server on it. */
function shopWorkspace(prefix: string): { ws: ReturnType<typeof tempWorkspace>; client: () => LspClient } {
  const ws = tempWorkspace(prefix);
  ws.write('cluster/namespaces.yaml', NAMESPACE);
  ws.write('apps/web.yaml', workload('Deployment', 'web', 'shop'));
  ws.write('apps/api.yaml', workload('Deployment', 'api', 'shop'));
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());
  return { ws, client: () => client };
}

describe('language server: Check Workspace finds namespaces without a NetworkPolicy', () => {
  const { ws, client: started } = shopWorkspace('k8s-network-policy');
  let client: LspClient;
  before(() => {
    client = started();
  });
  const namespaces = ws.uri('cluster/namespaces.yaml');
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
});

describe('language server: the NetworkPolicy check in open documents, as typed, once the workspace is checked', () => {
  const { ws, client: started } = shopWorkspace('k8s-network-policy-open');
  let client: LspClient;
  before(() => {
    client = started();
  });
  const namespaces = ws.uri('cluster/namespaces.yaml');
  const api = ws.uri('apps/api.yaml');
  const nextGaps = (uri: string, accept: (found: string[]) => boolean): Promise<string[]> => client.nextDiagnostics(uri, (p) => accept(gaps(p))).then(gaps);

  it('says nothing in an open document before the workspace is checked: one file cannot see the others', async () => {
    client.open(namespaces, 'yaml', NAMESPACE);
    assert.deepEqual(gaps(await client.diagnostics(namespaces, 1)), []);
  });

  it('shows the finding in the open document once Check Workspace has run', async () => {
    const shown = nextGaps(namespaces, (found) => found.length === 1);
    await client.connection.sendRequest(CheckWorkspaceRequest, {});
    const [message] = await shown;
    assert.match(message ?? '', /^Namespace "shop" has no NetworkPolicy, so every pod in the cluster can reach its workloads \(Deployment "api", Deployment "web"\)/);
  });

  it('follows a NetworkPolicy typed into the open document, unsaved', async () => {
    const cleared = nextGaps(namespaces, (found) => found.length === 0);
    client.replaceAll(namespaces, `${NAMESPACE}---\n${networkPolicy('shop', '{}')}`);
    assert.deepEqual(await cleared, []);
    const narrowed = nextGaps(namespaces, (found) => found.length === 1);
    client.replaceAll(namespaces, `${NAMESPACE}---\n${networkPolicy('shop', '\n    matchLabels: {app: web}')}`);
    const [message] = await narrowed;
    assert.match(message ?? '', /Deployment "api"/);
    assert.doesNotMatch(message ?? '', /Deployment "web"/);
  });

  it('republishes another open document when an edit elsewhere changes its findings, and the saved text once closed', async () => {
    // api moves to another namespace as typed: shop is covered, and "other" has no policy.
    const covered = nextGaps(namespaces, (found) => found.length === 0);
    client.open(api, 'yaml', workload('Deployment', 'api', 'other'));
    assert.deepEqual(await covered, []);
    assert.match(gaps(await client.diagnostics(api, 1)).join(), /^Namespace "other" has no NetworkPolicy/);
    // Closed, api's saved text (namespace shop) counts again.
    const back = nextGaps(namespaces, (found) => found.length === 1);
    client.close(api);
    assert.match((await back)[0] ?? '', /Deployment "api"/);
  });
});

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as fs from 'node:fs';
import { CodeAction, FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
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

describe('language server: "Ignore" for the NetworkPolicy finding in an open document', () => {
  const ws = tempWorkspace('k8s-network-policy-ignore');
  const WEB = workload('Deployment', 'web', 'shop');
  ws.write('apps/web.yaml', WEB);
  const API = workload('Deployment', 'api', 'other');
  ws.write('apps/api.yaml', API);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());
  const web = ws.uri('apps/web.yaml');
  const api = ws.uri('apps/api.yaml');

  /** The quick fixes offered at the finding, as VS Code asks: its range and the diagnostic it shows. */
  async function actionsAtFinding(uri: string, publish: PublishDiagnosticsParams): Promise<CodeAction[]> {
    const published = ofRule(publish.diagnostics, RULE);
    assert.equal(published.length, 1);
    const result = await client.codeActions(uri, published[0]!.range, ['quickfix'], published);
    assert.ok(result && result.every((a) => CodeAction.is(a)));
    return result as CodeAction[];
  }

  it('offers "here" and "in this file" on the finding, and applying "here" clears it as typed, then saved and closed', async () => {
    client.open(web, 'yaml', WEB);
    assert.deepEqual(gaps(await client.diagnostics(web, 1)), []);
    const shown = client.nextDiagnostics(web, (p) => gaps(p).length === 1);
    await client.connection.sendRequest(CheckWorkspaceRequest, {});
    const actions = await actionsAtFinding(web, await shown);
    assert.deepEqual(actions.map((a) => a.title), [`Ignore ${RULE} here`, `Ignore ${RULE} in this file`]);
    assert.deepEqual(actions.map((a) => a.diagnostics?.map((d) => d.code)), [[RULE], [RULE]]);
    const ignored = client.applied(web, actions[0]!.edit);
    assert.equal(ignored, WEB.replace('  name: web\n', `  # seaworthy-ignore ${RULE}\n  name: web\n`));
    const version = client.replaceAll(web, ignored);
    assert.deepEqual(gaps(await client.diagnostics(web, version)), []);
    // Only that namespace's finding goes: "other" is still reported in the closed file.
    assert.match(gaps(client.published.filter((p) => p.uri === api).at(-1)).join(), /^Namespace "other" has no NetworkPolicy/);
    // Saved and closed, the file on disk is read with its pragma: still silent there.
    fs.writeFileSync(new URL(web), ignored);
    // (The publish of the file's other findings, read from disk: not the empty one a plain close sends.)
    const closed = client.nextDiagnostics(web, (p) => p.diagnostics.length > 0);
    client.close(web);
    assert.deepEqual(gaps(await closed), []);
  });

  it('writes "in this file" at the top, and the finding goes', async () => {
    client.open(api, 'yaml', API);
    const actions = await actionsAtFinding(api, await client.diagnostics(api, 1));
    const inFile = actions.find((a) => a.title === `Ignore ${RULE} in this file`);
    assert.ok(inFile, actions.map((a) => a.title).join(' | '));
    const ignored = client.applied(api, inFile.edit);
    assert.equal(ignored, `# seaworthy-ignore-file ${RULE}\n${API}`);
    const version = client.replaceAll(api, ignored);
    assert.deepEqual(gaps(await client.diagnostics(api, version)), []);
  });
});

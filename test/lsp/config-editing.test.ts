import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, type CompletionItem, type MarkupContent } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { tempWorkspace } from '../support/lspWorkspace';

describe('language server: editing .seaworthy.yaml without a YAML extension', () => {
  const ws = tempWorkspace('config-editing');
  const uri = ws.uri('.seaworthy.yaml');
  const TEXT = 'profile: \nrules:\n  privileged-container: \n  \npodSecurityLevel: base\n';
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
    client.open(uri, 'yaml', TEXT);
    await client.diagnostics(uri, 1);
  });
  after(() => client.stop());

  const labels = async (line: number, character: number): Promise<string[]> => {
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } })) as CompletionItem[] | null;
    return (items ?? []).map((i) => i.label);
  };

  it('advertises completion', () => {
    assert.ok(client.initializeResult?.capabilities.completionProvider);
  });

  it('completes the keys at the top level', async () => {
    assert.deepEqual((await labels(3, 0)).sort(), ['ignorePaths', 'labelSchema', 'podSecurityLevel', 'podTemplatePaths', 'profile', 'rules', 'strictLabels', 'trustedRegistries']);
  });

  it('completes profiles, Pod Security levels, rule ids and severities where they go', async () => {
    assert.deepEqual(await labels(0, 9), ['recommended', 'strict', 'all']);
    assert.deepEqual(await labels(4, 22), ['baseline', 'restricted']);
    const ids = await labels(3, 2);
    assert.ok(ids.includes('privileged-container') && ids.includes('final-stage-runs-as-root') && ids.includes('invalid-config'), ids.join(','));
    assert.deepEqual(await labels(2, 24), ['error', 'warning', 'info', 'hint', 'off']);
  });

  it('replaces the whole rule id typed so far, dashes and all', async () => {
    const edited = ws.uri('team/.seaworthy.yaml');
    client.open(edited, 'yaml', 'rules:\n  base-image-l\n');
    await client.diagnostics(edited, 1);
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: edited }, position: { line: 1, character: 14 } })) as CompletionItem[];
    const latest = items.find((i) => i.label === 'base-image-latest-tag');
    assert.deepEqual(latest?.textEdit, { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 14 } }, newText: 'base-image-latest-tag: ' });
    assert.equal(latest?.filterText, 'base-image-latest-tag');
  });

  it('offers nothing in other YAML files', async () => {
    const other = ws.uri('deploy.yaml');
    client.open(other, 'yaml', 'apiVersion: v1\nkind: Pod\n');
    await client.diagnostics(other, 1);
    const items = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: other }, position: { line: 0, character: 0 } });
    assert.deepEqual(items, []);
  });

  it('explains a key and a rule id on hover', async () => {
    const key = await client.hover(uri, 1, 2);
    assert.match((key?.contents as MarkupContent).value, /^\*\*rules\*\*/);
    const rule = await client.hover(uri, 2, 5);
    assert.match((rule?.contents as MarkupContent).value, /\*\*Privileged container\*\* `privileged-container`|`privileged-container`/);
  });
});

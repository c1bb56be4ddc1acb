import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, type CompletionItem, type MarkupContent } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { tempWorkspace } from '../support/lspWorkspace';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
      - name: web
        image: python:3.12
        securityContext:
          privileged: true
          allowPrivilegeEscalation: 
          capabilities:
            drop:
            - 
          seccompProfile:
            type: 
`;

describe('language server: completion and hover inside securityContext and on image:', () => {
  const ws = tempWorkspace('k8s-completion-hover');
  let client: LspClient;
  const uri = ws.uri('deploy.yaml');
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
    client.open(uri, 'yaml', DEPLOYMENT);
    await client.diagnostics(uri, 1);
  });
  after(() => client.stop());

  const complete = async (line: number, character: number): Promise<CompletionItem[]> => {
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  };
  const hoverText = async (line: number, character: number): Promise<string> => {
    const hover = await client.hover(uri, line, character);
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
  };

  it("offers a container securityContext's keys with the Pod Security level each affects", async () => {
    const items = await complete(14, 10);
    const byLabel = new Map(items.map((i) => [i.label, i]));
    for (const key of ['allowPrivilegeEscalation', 'capabilities', 'privileged', 'readOnlyRootFilesystem', 'runAsNonRoot', 'seccompProfile']) assert.ok(byLabel.has(key), key);
    assert.equal(byLabel.get('privileged')?.detail, 'Pod Security: baseline');
    assert.equal(byLabel.get('allowPrivilegeEscalation')?.detail, 'Pod Security: restricted');
    assert.equal(byLabel.get('readOnlyRootFilesystem')?.detail, 'hardening beyond Pod Security');
    // The pod has no capabilities; its securityContext offers fsGroup instead.
    const pod = (await complete(8, 8)).map((i) => i.label);
    assert.ok(pod.includes('fsGroup') && !pod.includes('capabilities'), pod.join(', '));
  });

  it('offers the secure value first after a key, and ALL in a drop list', async () => {
    assert.deepEqual((await complete(14, 36)).map((i) => i.label), ['false', 'true']);
    assert.deepEqual((await complete(17, 14)).map((i) => i.label), ['ALL']);
    assert.deepEqual((await complete(19, 18)).map((i) => i.label).slice(0, 2), ['RuntimeDefault', 'Localhost']);
  });

  it('offers nothing outside a securityContext', async () => {
    assert.deepEqual(await complete(11, 8), []);
  });

  it("explains a securityContext key under the cursor, with its finding's rule", async () => {
    const text = await hoverText(13, 12);
    assert.match(text, /\*\*privileged\*\* \(container securityContext\)/);
    assert.match(text, /baseline and restricted: unset or `false`/);
    assert.match(text, /privileged-container/);
  });

  it('describes the image on an image: line from the catalogue', async () => {
    const text = await hoverText(11, 18);
    assert.match(text, /\*\*python:3\.12\*\*/);
    assert.match(text, /Smaller or shell-less/);
  });
});

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeAction, MessageType } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { tempWorkspace } from '../support/lspWorkspace';
import { Registry, registrySkipReason } from '../support/registryHarness';
import { buildImage, cleanImage, type BuiltImage } from '../support/testImages';

const skip = registrySkipReason();

describe('language server: "Pin to digest" asks the real registry only when picked', { skip: skip ?? false }, () => {
  const ws = tempWorkspace('pin-digest');
  let registry: Registry;
  let client: LspClient;
  let image: BuiltImage;
  before(async () => {
    registry = await Registry.start();
    image = await buildImage(cleanImage());
    await registry.push('app', '1.0', image);
    client = await LspClient.start({ workspaceFolders: [ws.dir], resolveEdits: true, workDoneProgress: true });
  });
  after(async () => {
    await client?.stop();
    await registry?.stop();
  });

  async function pinAction(uri: string, languageId: string, text: string, line: number): Promise<CodeAction> {
    client.open(uri, languageId, text);
    await client.diagnostics(uri, 1);
    const actions = (await client.codeActions(uri, { start: { line, character: 0 }, end: { line, character: 0 } })) as CodeAction[];
    const pins = actions.filter((a) => a.title.endsWith(' to its digest'));
    assert.equal(pins.length, 1, `pin actions among: ${actions.map((a) => a.title).join(' | ')}`);
    return pins[0] as CodeAction;
  }

  it('offers "Pin IMAGE to its digest" on a FROM line without an edit, and resolves it to the digest the registry serves', async () => {
    const uri = ws.uri('Dockerfile');
    const action = await pinAction(uri, 'dockerfile', `FROM ${registry.host}/app:1.0 AS base\nUSER 10001\n`, 0);
    assert.equal(action.title, `Pin ${registry.host}/app:1.0 to its digest`);
    assert.equal(action.edit, undefined, 'nothing is asked of the registry to show the light bulb');
    const resolved = await client.resolveCodeAction(action);
    assert.equal(client.applied(uri, resolved.edit), `FROM ${registry.host}/app:1.0@${image.manifest.digest} AS base\nUSER 10001\n`);
    const kinds = client.progress.map((p) => (p as { kind: string }).kind);
    assert.deepEqual([kinds[0], kinds.at(-1)], ['begin', 'end']);
  });

  it('pins an image: value of a manifest the same way', async () => {
    const uri = ws.uri('pod.yaml');
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ${registry.host}/app:1.0\n`;
    const action = await pinAction(uri, 'yaml', text, 7);
    const resolved = await client.resolveCodeAction(action);
    assert.equal(client.applied(uri, resolved.edit), text.replace('app:1.0\n', `app:1.0@${image.manifest.digest}\n`));
  });

  it('tells the user why when the tag is not there, and changes nothing', async () => {
    const action = await pinAction(ws.uri('missing.Dockerfile'), 'dockerfile', `FROM ${registry.host}/app:9.9\n`, 0);
    const shown = client.shownMessages.length;
    const resolved = await client.resolveCodeAction(action);
    assert.equal(resolved.edit, undefined);
    const message = client.shownMessages[shown];
    assert.equal(message?.type, MessageType.Error);
    assert.match(message?.message ?? '', new RegExp(`^Seaworthy could not pin ${registry.host.replace(/\./g, '\\.')}/app:9\\.9: .*app:9\\.9 was not found \\(MANIFEST_UNKNOWN\\): check the name and tag\\. The file was not changed\\.$`));
  });
});

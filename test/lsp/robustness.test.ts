import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, HoverRequest, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { PRIVILEGED, codes, ofRule, podYaml, tempWorkspace } from '../support/lspWorkspace';

/**
 * Bad input never stops the server: each case is followed by a request that must still be
 * answered, and by a normal document that must still be checked.
 */
describe('language server: bad input', () => {
  const ws = tempWorkspace('robust');
  let client: LspClient;
  let canary = 0;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());

  /** The server still answers requests and still checks a fresh document. */
  async function stillServing(): Promise<void> {
    const uri = ws.uri(`canary-${canary++}.yaml`);
    client.open(uri, 'yaml', podYaml([true]));
    assert.equal(ofRule((await client.diagnostics(uri, 1)).diagnostics, PRIVILEGED).length, 1);
    assert.ok(await client.hover(uri, 9, 10));
  }

  /** Types `text` one character per change, as an editor would send it. */
  async function typeOut(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    let line = 0;
    let character = 0;
    let version = client.version(uri);
    for (const ch of text) {
      version = client.insert(uri, line, character, ch);
      if (ch === '\n') {
        line++;
        character = 0;
      } else character++;
    }
    return client.diagnostics(uri, version);
  }

  it('reports malformed YAML as invalid-file and keeps serving', async () => {
    const uri = ws.uri('broken.yaml');
    client.open(uri, 'yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n    {name: a, image: b\n  - oops: : :\n\t tab: x\n');
    const { diagnostics } = await client.diagnostics(uri, 1);
    assert.ok(codes(diagnostics).includes('invalid-file'), codes(diagnostics).join());
    assert.ok(Array.isArray(await client.codeActions(uri, diagnostics[0]!.range)));
    await stillServing();
  });

  it('survives a manifest typed character by character', async () => {
    const uri = ws.uri('typed.yaml');
    client.open(uri, 'yaml', '');
    await client.diagnostics(uri, 1);
    const last = await typeOut(uri, `${podYaml([true])}---\n${podYaml([false], 'second')}`);
    assert.equal(ofRule(last.diagnostics, PRIVILEGED).length, 1);
    await stillServing();
  });

  it('survives half-typed Dockerfiles', async () => {
    const fragments = [
      'FROM',
      'FROM ',
      'FROM node:',
      'FROM node AS',
      'FROM ${',
      'ARG',
      'ARG X=${',
      'USER',
      'RUN <<EOF\necho unterminated heredoc',
      'COPY --from=',
      'ENV A=1 \\',
      'ONBUILD',
      '# escape=`\nFROM a\nRUN x `',
      '\\\n\\\n',
      'HEALTHCHECK CMD',
      'ADD --checksum= http',
    ];
    for (const [i, text] of fragments.entries()) {
      const uri = ws.uri(`half-${i}/Dockerfile`);
      client.open(uri, 'dockerfile', text);
      await client.diagnostics(uri, 1);
    }
    const uri = ws.uri('typed/Dockerfile');
    client.open(uri, 'dockerfile', '');
    await typeOut(uri, 'FROM node:latest AS build\nRUN npm ci \\\n  && npm run build\nFROM gcr.io/distroless/nodejs22\nCOPY --from=build /app /app\nUSER 1000\n');
    await stillServing();
  });

  it('refuses binary content with one finding and keeps serving', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    for (const [name, languageId] of [['blob.yaml', 'yaml'], ['blob/Dockerfile', 'dockerfile']] as const) {
      const uri = ws.uri(name);
      client.open(uri, languageId, `apiVersion: v1\n${bytes}`);
      const { diagnostics } = await client.diagnostics(uri, 1);
      assert.deepEqual(codes(diagnostics), ['invalid-file']);
      assert.match(String(diagnostics[0]?.message), /binary/);
    }
    await stillServing();
  });

  it('refuses a 6 MB document, follows edits to it, and keeps serving', async () => {
    const uri = ws.uri('huge.yaml');
    const object = podYaml([true]);
    const text = `${object}---\n`.repeat(Math.ceil((6 * 1024 * 1024) / (object.length + 4)));
    assert.ok(text.length >= 6 * 1024 * 1024);
    client.open(uri, 'yaml', text);
    const { diagnostics } = await client.diagnostics(uri, 1);
    assert.deepEqual(codes(diagnostics), ['invalid-file']);
    assert.match(String(diagnostics[0]?.message), /MB/);
    const version = client.insert(uri, 50_000, 0, '# edited in the middle\n');
    assert.equal((await client.diagnostics(uri, version)).version, version);
    assert.match(JSON.stringify(await client.hover(uri, 0, 0)), /File could not be checked/);
    client.close(uri);
    await stillServing();
  });

  it('survives alias bombs and very deep nesting in YAML', async () => {
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const deep = `apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    for (const [name, text] of [['bomb.yaml', `${bomb.join('\n')}\n`], ['deep.yaml', deep]] as const) {
      const uri = ws.uri(name);
      client.open(uri, 'yaml', text);
      await client.diagnostics(uri, 1);
    }
    await stillServing();
  });

  it('answers requests about unknown documents and with broken parameters', async () => {
    const unknown = ws.uri('never-opened.yaml');
    assert.deepEqual(await client.codeActions(unknown, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }), []);
    assert.equal(await client.hover(unknown, 0, 0), null);
    const open = ws.uri('broken-params.yaml');
    client.open(open, 'yaml', podYaml([true]));
    await client.diagnostics(open, 1);
    await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: open }, range: null, context: null } as never).catch(() => null);
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: open }, position: null } as never).catch(() => null);
    await stillServing();
  });
});

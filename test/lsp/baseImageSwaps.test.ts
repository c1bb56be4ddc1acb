import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeAction, MarkupContent, type Diagnostic } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { ofRule, tempWorkspace } from '../support/lspWorkspace';

const PYTHON = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER 10001\nCMD ["python", "app.py"]\n';
const GO = 'FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nUSER 10001\nCMD ["/out/app"]\n';
const FROM_LINE = { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } };

describe('language server: base-image swaps and the FROM hover', () => {
  const ws = tempWorkspace('swaps');
  let client: LspClient;
  let plain: LspClient;
  before(async () => {
    [client, plain] = await Promise.all([LspClient.start({ workspaceFolders: [ws.dir], disabledSupport: true }), LspClient.start({ workspaceFolders: [ws.dir] })]);
  });
  after(async () => {
    await Promise.all([client.stop(), plain.stop()]);
  });

  async function actionsOn(c: LspClient, name: string, text: string, ruleIds: string[]): Promise<{ uri: string; actions: CodeAction[]; diagnostics: Diagnostic[] }> {
    const uri = ws.uri(name);
    c.open(uri, 'dockerfile', text);
    const all = (await c.diagnostics(uri, 1)).diagnostics;
    const diagnostics = ruleIds.flatMap((id) => ofRule(all, id));
    const result = (await c.codeActions(uri, FROM_LINE, ['quickfix'], diagnostics)) ?? [];
    // A refused swap carries only its title and reason: nothing to apply.
    const refused = (a: unknown): boolean => typeof a === 'object' && a !== null && 'disabled' in a && !('edit' in a) && !('command' in a);
    assert.ok(result.every((a) => CodeAction.is(a) || refused(a)));
    return { uri, actions: result as CodeAction[], diagnostics };
  }

  it('offers each swap as a quick fix with its edit, never preferred, and the refused one greyed out with its reason', async () => {
    const { uri, actions, diagnostics } = await actionsOn(client, 'Dockerfile', PYTHON, ['full-size-base-image']);
    assert.equal(diagnostics.length, 1);
    const swaps = actions.filter((a) => a.diagnostics?.some((d) => d.code === 'full-size-base-image') && !a.title.startsWith('Ignore'));
    assert.deepEqual(
      swaps.map((a) => [a.title.split(' — ')[0], a.isPreferred ?? false, a.disabled?.reason ?? null]),
      [
        ['python:3.12-slim', false, null],
        ['python:3.12-alpine', false, null],
        ['gcr.io/distroless/python3-debian13:nonroot', false, 'RUN on line 4 needs a shell, which this image does not have: build in a stage of its own and COPY --from it'],
        ['cgr.dev/chainguard/python:latest', false, 'RUN on line 4 needs a shell, which this image does not have: build in a stage of its own and COPY --from it'],
      ],
    );
    assert.equal(client.applied(uri, swaps[0]?.edit), PYTHON.replace('python:3.12', 'python:3.12-slim'));
  });

  it('leaves refused swaps out for a client that cannot show disabled actions', async () => {
    const { actions } = await actionsOn(plain, 'Dockerfile', PYTHON, ['full-size-base-image']);
    assert.deepEqual(actions.filter((a) => a.title.startsWith('gcr.io') || a.title.startsWith('cgr.dev')), []);
    assert.ok(actions.some((a) => a.title.startsWith('python:3.12-slim')));
  });

  it('never swaps the image in fix-all', async () => {
    const uri = ws.uri('fixall.Dockerfile');
    client.open(uri, 'dockerfile', PYTHON);
    await client.diagnostics(uri, 1);
    const actions = ((await client.codeActions(uri, FROM_LINE, ['source.fixAll.seaworthy'])) ?? []) as CodeAction[];
    const text = actions[0] ? client.applied(uri, actions[0].edit) : PYTHON;
    assert.match(text, /^FROM python:3\.12\n/);
  });

  it('offers the same swap once when two findings on one FROM suggest it', async () => {
    const { actions, diagnostics } = await actionsOn(client, 'go.Dockerfile', GO, ['full-size-base-image', 'final-stage-keeps-toolchain']);
    assert.equal(diagnostics.length, 2);
    const split = actions.filter((a) => a.title.startsWith('Build in golang:1.26, run on gcr.io/distroless/static-debian13:nonroot'));
    assert.equal(split.length, 1);
    assert.deepEqual(split[0]?.diagnostics?.map((d) => d.code).sort(), ['final-stage-keeps-toolchain', 'full-size-base-image']);
  });

  it('says on hover which swaps are not offered for this file, and why', async () => {
    const uri = ws.uri('refused.Dockerfile');
    client.open(uri, 'dockerfile', PYTHON);
    await client.diagnostics(uri, 1);
    const hover = await client.hover(uri, 0, 8);
    assert.ok(hover && MarkupContent.is(hover.contents));
    assert.match(hover.contents.value, /Not offered for this file:\n\n- gcr\.io\/distroless\/python3-debian13:nonroot: RUN on line 4 needs a shell, which this image does not have: build in a stage of its own and COPY --from it\n- cgr\.dev\/chainguard\/python:latest: RUN on line 4/);
  });

  it('describes the FROM image from the catalogue on hover, with its source', async () => {
    const uri = ws.uri('hover.Dockerfile');
    client.open(uri, 'dockerfile', 'FROM node:22-slim\nUSER 1000\nCMD ["node", "server.js"]\n');
    await client.diagnostics(uri, 1);
    const hover = await client.hover(uri, 0, 8);
    assert.ok(hover && MarkupContent.is(hover.contents));
    const text = hover.contents.value;
    assert.match(text, /^\*\*node:22-slim\*\*: Node\.js/);
    assert.match(text, /\| Runs as \| root \(UID 0\); ships node \(UID 1000\) \|/);
    assert.match(text, /\| Support \| Node\.js 22 \(jod\): (?:supported until|ended) 2027-04-30 \|/);
    assert.match(text, /gcr\.io\/distroless\/nodejs22-debian13:nonroot \(~140 MB\): no shell or npm/);
    assert.match(text, /\*Source: .*docker-library.*, checked \d{4}-\d{2}-\d{2}\.\*/);
    assert.deepEqual(hover.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 17 } });
    assert.equal(await client.hover(uri, 1, 2), null);
  });
});

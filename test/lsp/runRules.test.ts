import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeAction } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { ofRule, tempWorkspace } from '../support/lspWorkspace';

const APT = [
  'FROM debian:12-slim',
  'RUN apt-get update \\',
  '  && apt-get install -y curl',
  'CMD ["curl", "--version"]',
  '',
].join('\n');

describe('language server: rules that read RUN through the shell parser', () => {
  const ws = tempWorkspace('run-rules');
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());

  it('reports on the continuation line that holds the command, and its quick fix edits that line only', async () => {
    const uri = ws.uri('apt/Dockerfile');
    client.open(uri, 'dockerfile', APT);
    const published = await client.diagnostics(uri, 1);
    const [recommends] = ofRule(published.diagnostics, 'apt-get-installs-recommends');
    assert.ok(recommends, published.diagnostics.map((d) => d.code).join(', '));
    assert.deepEqual(recommends.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 28 } });
    assert.deepEqual(ofRule(published.diagnostics, 'apt-lists-not-removed').map((d) => d.range.start), [{ line: 1, character: 4 }]);
    const actions = (await client.codeActions(uri, recommends.range, ['quickfix'], [recommends])) ?? [];
    const fix = actions.find((a): a is CodeAction => CodeAction.is(a) && a.title === 'Add --no-install-recommends');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal(client.applied(uri, fix.edit), APT.replace('install -y curl', 'install --no-install-recommends -y curl'));
  });

  it('keeps reading the commands of a RUN while it is half-typed, and finds nothing new in the open quote', async () => {
    const uri = ws.uri('typing/Dockerfile');
    client.open(uri, 'dockerfile', 'FROM debian:12-slim\nRUN apk add curl\n');
    assert.deepEqual(ofRule((await client.diagnostics(uri, 1)).diagnostics, 'apk-add-without-no-cache').length, 1);
    const version = client.insert(uri, 1, 16, ' && echo "unfinished $(date');
    const typed = await client.diagnostics(uri, version);
    assert.deepEqual(ofRule(typed.diagnostics, 'apk-add-without-no-cache').map((d) => d.range.start), [{ line: 1, character: 4 }]);
    assert.deepEqual(typed.diagnostics.filter((d) => d.code === 'invalid-file'), []);
  });

  it('leaves RUNs under a PowerShell SHELL alone', async () => {
    const uri = ws.uri('windows/Dockerfile');
    client.open(uri, 'dockerfile', 'FROM mcr.microsoft.com/dotnet/framework/sdk:4.8\nSHELL ["powershell", "-Command"]\nRUN curl.exe -o x https://example.com/x | Out-Null; cd C:\\app; apt-get install x\n');
    const published = await client.diagnostics(uri, 1);
    const shellRules = ['curl-piped-to-shell', 'pipe-without-pipefail', 'cd-instead-of-workdir', 'apt-get-installs-recommends', 'apt-get-install-without-yes', 'invalid-file'];
    assert.deepEqual(published.diagnostics.filter((d) => shellRules.includes(String(d.code))), []);
  });
});

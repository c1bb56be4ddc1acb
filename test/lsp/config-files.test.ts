import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { ConfigFiles } from '../../server/src/lsp/configFiles';
import { DocumentStatusRequest, type DocumentStatus } from '../../server/src/lsp/protocol';
import { LspClient } from '../support/lspClient';
import { PRIVILEGED, codes, ofRule, podYaml, tempWorkspace } from '../support/lspWorkspace';

const BROKEN = 'profile: strictest\nrules:\n  privileged-container: errror\n';
const CLEAN = 'rules:\n  privileged-container: warning\n';

describe('language server: .seaworthy.yaml problems for closed files', () => {
  const ws = tempWorkspace('config-files');
  const configPath = ws.write('team/.seaworthy.yaml', BROKEN);
  const configUri = ws.uri('team/.seaworthy.yaml');
  let client: LspClient;
  let settingsFor: () => unknown = () => ({});
  /** The publish for the config file seen before the server started: it comes without a request. */
  let firstConfigPublish: Promise<PublishDiagnosticsParams>;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir], settings: () => settingsFor() });
    firstConfigPublish = client.published.some((p) => p.uri === configUri) ? Promise.resolve(client.published.find((p) => p.uri === configUri)!) : client.nextDiagnostics(configUri);
  });
  after(() => client.stop());

  const status = (uri: string): Promise<DocumentStatus | null> => client.connection.sendRequest(DocumentStatusRequest, { uri });

  it('publishes the problems of a config file that was never opened', async () => {
    const published = await firstConfigPublish;
    assert.deepEqual(codes(published.diagnostics), ['invalid-config', 'invalid-config']);
    assert.deepEqual(published.diagnostics.map((d) => d.range.start.line).sort(), [0, 2]);
  });

  it('notes the broken config once on each file it governs, says so in the output, and in the status', async () => {
    const uri = ws.uri('team/deploy.yaml');
    client.open(uri, 'yaml', podYaml([true]));
    const { diagnostics } = await client.diagnostics(uri, 1);
    const notices = ofRule(diagnostics, 'invalid-config');
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.severity, DiagnosticSeverity.Information);
    assert.deepEqual(notices[0]!.range.start, { line: 0, character: 0 });
    assert.match(String(notices[0]!.message), /has 2 problems, so the defaults stand in/);
    // Named as the user names it, relative to the workspace folder.
    assert.match(String(notices[0]!.message), /^team\/\.seaworthy\.yaml has 2 problems/);
    assert.ok(!String(notices[0]!.message).includes(ws.dir));
    // The defaults stand in for the misspelt severity: the rule keeps its own.
    assert.equal(ofRule(diagnostics, PRIVILEGED)[0]?.severity, DiagnosticSeverity.Error);
    // Logged when the server found it at start, once.
    const lines = client.logs.filter((m) => m.includes(configPath));
    assert.equal(lines.length, 1, lines.join('\n'));
    const line = lines[0]!;
    assert.match(line, /2 problems; the defaults stand in/);
    assert.match(line, /line 3: /);
    assert.deepEqual(await status(uri), { tracked: true, checked: true, kind: 'kubernetes', config: { uri: configUri, problems: 2 } });
    // A file outside the config's folder is governed by nothing.
    const outside = ws.uri('other/pod.yaml');
    client.open(outside, 'yaml', podYaml([true]));
    assert.deepEqual(ofRule((await client.diagnostics(outside, 1)).diagnostics, 'invalid-config'), []);
    assert.equal((await status(outside))?.config, null);
    client.close(outside);
  });

  it('clears everything when the file is fixed on disk', async () => {
    const uri = ws.uri('team/deploy.yaml');
    fs.writeFileSync(configPath, CLEAN);
    const configCleared = client.nextDiagnostics(configUri);
    const recheck = client.nextDiagnostics(uri);
    const logged = client.nextLog((m) => m.includes(configPath));
    client.filesChanged([configUri]);
    assert.deepEqual((await configCleared).diagnostics, []);
    const { diagnostics } = await recheck;
    assert.deepEqual(ofRule(diagnostics, 'invalid-config'), []);
    assert.equal(ofRule(diagnostics, PRIVILEGED)[0]?.severity, DiagnosticSeverity.Warning);
    assert.match(await logged, /no problems, its settings are in force/);
    assert.deepEqual((await status(uri))?.config, { uri: configUri, problems: 0 });
  });

  it('shows the saved text\'s problems again when an edited config is closed unsaved', async () => {
    client.open(configUri, 'yaml', CLEAN);
    await client.diagnostics(configUri, 1);
    const typed = await client.diagnostics(configUri, client.replaceAll(configUri, BROKEN));
    assert.equal(typed.diagnostics.length, 2);
    const afterClose = client.nextDiagnostics(configUri);
    client.close(configUri);
    assert.deepEqual((await afterClose).diagnostics, []);
  });

  it('clears a deleted config\'s diagnostics and forgets it', async () => {
    const created = ws.write('later/.seaworthy.yaml', BROKEN);
    const uri = ws.uri('later/.seaworthy.yaml');
    const shown = client.nextDiagnostics(uri);
    client.filesChanged([uri], FileChangeType.Created);
    assert.equal((await shown).diagnostics.length, 2);
    fs.rmSync(created);
    const gone = client.nextDiagnostics(uri);
    client.filesChanged([uri], FileChangeType.Deleted);
    assert.deepEqual((await gone).diagnostics, []);
  });

  it('says what a document is and why it is not checked', async () => {
    const compose = ws.uri('compose.yaml');
    client.open(compose, 'dockercompose', 'services:\n  web:\n    image: nginx\n');
    await client.diagnostics(compose, 1);
    assert.deepEqual(await status(compose), { tracked: true, checked: false, kind: 'compose', notChecked: 'no-rules', config: null });
    const workflow = ws.uri('ci.yaml');
    client.open(workflow, 'yaml', 'on: push\njobs: {}\n');
    await client.diagnostics(workflow, 1);
    assert.deepEqual(await status(workflow), { tracked: true, checked: false, kind: 'yaml', notChecked: 'not-a-target', config: null });
    const dockerfile = ws.uri('Dockerfile');
    client.open(dockerfile, 'dockerfile', 'FROM alpine:3.20\n');
    await client.diagnostics(dockerfile, 1);
    assert.equal((await status(dockerfile))?.checked, true);
    settingsFor = () => ({ enable: false });
    const off = client.nextDiagnostics(dockerfile);
    client.configurationChanged();
    await off;
    assert.deepEqual(await status(dockerfile), { tracked: true, checked: false, kind: 'unknown', notChecked: 'disabled', config: null });
    settingsFor = () => ({});
    assert.equal(await status(ws.uri('not-open.yaml')), null);
  });
});

describe('ConfigFiles: reading .seaworthy.yaml', () => {
  it('parses a config file again only when its text changed, however often the lookups are invalidated', () => {
    const ws = tempWorkspace('config-reads');
    ws.write('.seaworthy.yaml', `rules:\n  ${PRIVILEGED}: warning\n`);
    const parsed: (string | undefined)[] = [];
    const files = new ConfigFiles(() => undefined, () => undefined, (file) => parsed.push(file.config.rules[PRIVILEGED]));
    const first = files.forFile(path.join(ws.dir, 'a', 'pod.yaml'));
    files.invalidate();
    assert.equal(files.forFile(path.join(ws.dir, 'b', 'pod.yaml')), first, 'the same text: the same parse');
    ws.write('.seaworthy.yaml', `rules:\n  ${PRIVILEGED}: info\n`);
    files.invalidate();
    assert.equal(files.forFile(path.join(ws.dir, 'a', 'pod.yaml'))?.config.rules[PRIVILEGED], 'info');
    assert.deepEqual(parsed, ['warning', 'info']);
    fs.rmSync(path.join(ws.dir, '.seaworthy.yaml'));
    files.invalidate();
    assert.equal(files.forFile(path.join(ws.dir, 'a', 'pod.yaml')), null);
  });
});

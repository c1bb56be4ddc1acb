import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { PRIVILEGED, ofRule, podYaml, tempWorkspace } from '../support/lspWorkspace';

describe('language server: settings and .seaworthy.yaml', () => {
  const ws = tempWorkspace('settings');
  /** What the client answers for `seaworthy`, per document. Tests change it, then notify. */
  let settingsFor: (uri: string | undefined) => unknown = () => ({});
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir], settings: (uri) => settingsFor(uri) });
  });
  after(() => client.stop());

  /** Changes the settings and returns the next publish for `uri` that follows. */
  async function afterSettingsChange(uri: string, settings: (uri: string | undefined) => unknown) {
    settingsFor = settings;
    const next = client.nextDiagnostics(uri);
    client.configurationChanged();
    return next;
  }

  async function open(name: string, text = podYaml([true])): Promise<string> {
    const uri = ws.uri(name);
    client.open(uri, 'yaml', text);
    await client.diagnostics(uri, 1);
    return uri;
  }

  it('turns a rule off, then changes its severity, when seaworthy.rules changes', async () => {
    settingsFor = () => ({});
    const uri = await open('rules.yaml');
    assert.equal(ofRule((await client.diagnostics(uri, 1)).diagnostics, PRIVILEGED)[0]?.severity, DiagnosticSeverity.Error);
    const off = await afterSettingsChange(uri, () => ({ rules: { [PRIVILEGED]: 'off' } }));
    assert.deepEqual(ofRule(off.diagnostics, PRIVILEGED), []);
    const warning = await afterSettingsChange(uri, () => ({ rules: { [PRIVILEGED]: 'warning' } }));
    assert.deepEqual(ofRule(warning.diagnostics, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Warning]);
    const back = await afterSettingsChange(uri, () => ({}));
    assert.deepEqual(ofRule(back.diagnostics, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Error]);
  });

  it('publishes empty diagnostics while seaworthy.enable is false, and nothing for its edits', async () => {
    settingsFor = () => ({});
    const uri = await open('enable.yaml');
    const disabled = await afterSettingsChange(uri, () => ({ enable: false }));
    assert.deepEqual(disabled.diagnostics, []);
    const version = client.insert(uri, 0, 0, '# edit\n');
    assert.deepEqual((await client.diagnostics(uri, version)).diagnostics, []);
    const range = { start: { line: 10, character: 0 }, end: { line: 11, character: 0 } };
    assert.deepEqual(await client.codeActions(uri, range), []);
    const enabled = await afterSettingsChange(uri, () => ({}));
    assert.equal(ofRule(enabled.diagnostics, PRIVILEGED).length, 1);
  });

  it('asks for settings per document and keeps them until they change', async () => {
    const quiet = ws.uri('per-document/quiet.yaml');
    settingsFor = (uri) => (uri === quiet ? { rules: { [PRIVILEGED]: 'off' } } : {});
    const loud = await open('per-document/loud.yaml');
    client.open(quiet, 'yaml', podYaml([true]));
    assert.deepEqual(ofRule((await client.diagnostics(quiet, 1)).diagnostics, PRIVILEGED), []);
    assert.equal(ofRule(client.published.filter((p) => p.uri === loud).at(-1)!.diagnostics, PRIVILEGED).length, 1);
    const askedFor = (uri: string): number => client.configurationScopes.filter((s) => s === uri).length;
    const asked = askedFor(loud);
    assert.ok(asked >= 1);
    for (let i = 0; i < 5; i++) await client.diagnostics(loud, client.insert(loud, 0, 0, '#\n'));
    assert.equal(askedFor(loud), asked, 'edits do not ask for settings again');
  });

  it('skips files matched by seaworthy.ignorePaths, relative to the workspace folder', async () => {
    settingsFor = () => ({ ignorePaths: ['generated/**', '*.rendered.yaml'] });
    client.configurationChanged();
    const generated = ws.uri('generated/deep/pod.yaml');
    const rendered = ws.uri('charts/pod.rendered.yaml');
    const checked = ws.uri('charts/pod.yaml');
    for (const uri of [generated, rendered, checked]) client.open(uri, 'yaml', podYaml([true]));
    assert.deepEqual((await client.diagnostics(generated, 1)).diagnostics, []);
    assert.deepEqual((await client.diagnostics(rendered, 1)).diagnostics, []);
    assert.equal(ofRule((await client.diagnostics(checked, 1)).diagnostics, PRIVILEGED).length, 1);
    settingsFor = () => ({});
    client.configurationChanged();
  });

  it('ignores malformed settings values and keeps checking with the defaults', async () => {
    settingsFor = () => ({ enable: 'yes', rules: 'all', ignorePaths: 'everything' });
    const uri = ws.uri('malformed-settings.yaml');
    client.open(uri, 'yaml', podYaml([true]));
    assert.equal(ofRule((await client.diagnostics(uri, 1)).diagnostics, PRIVILEGED).length, 1);
    const odd = await afterSettingsChange(uri, () => ({ rules: { [PRIVILEGED]: 'LOUD', 'no-such-rule': 'off' } }));
    assert.equal(ofRule(odd.diagnostics, PRIVILEGED)[0]?.severity, DiagnosticSeverity.Error);
    settingsFor = () => ({});
  });

  it('layers settings over the nearest .seaworthy.yaml on disk, re-read when the watcher reports a change', async () => {
    settingsFor = () => ({});
    const configPath = ws.write('team/.seaworthy.yaml', `rules:\n  ${PRIVILEGED}: hint\nignorePaths:\n  - legacy/**\n`);
    const uri = ws.uri('team/apps/pod.yaml');
    client.open(uri, 'yaml', podYaml([true]));
    assert.deepEqual(ofRule((await client.diagnostics(uri, 1)).diagnostics, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Hint]);

    const legacy = ws.uri('team/legacy/pod.yaml');
    client.open(legacy, 'yaml', podYaml([true]));
    assert.deepEqual((await client.diagnostics(legacy, 1)).diagnostics, [], 'ignorePaths are relative to the config file');

    const overridden = await afterSettingsChange(uri, () => ({ rules: { [PRIVILEGED]: 'warning' } }));
    assert.deepEqual(ofRule(overridden.diagnostics, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Warning], 'settings win over the file');
    const reset = await afterSettingsChange(uri, () => ({}));
    assert.deepEqual(ofRule(reset.diagnostics, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Hint]);

    ws.write('team/.seaworthy.yaml', `rules:\n  ${PRIVILEGED}: off\n`);
    const next = client.nextDiagnostics(uri);
    client.filesChanged([pathToFileURL(configPath).toString()]);
    assert.deepEqual(ofRule((await next).diagnostics, PRIVILEGED), []);
  });

  it('silences the restricted-only controls at seaworthy.podSecurityLevel baseline, over .seaworthy.yaml', async () => {
    settingsFor = () => ({});
    ws.write('levels/.seaworthy.yaml', 'podSecurityLevel: baseline\n');
    const uri = await open('levels/pod.yaml');
    const SECCOMP = 'seccomp-profile-missing';
    const fromFile = (await client.diagnostics(uri, 1)).diagnostics;
    assert.deepEqual(ofRule(fromFile, SECCOMP), [], 'the file says baseline');
    assert.match(String(ofRule(fromFile, PRIVILEGED)[0]?.message), /violates PodSecurity "baseline:latest": privileged \(/);
    const restricted = await afterSettingsChange(uri, () => ({ podSecurityLevel: 'restricted' }));
    assert.equal(ofRule(restricted.diagnostics, SECCOMP).length, 1, 'the setting wins over the file');
    assert.match(String(ofRule(restricted.diagnostics, PRIVILEGED)[0]?.message), /"restricted:latest"/);
    const unset = await afterSettingsChange(uri, () => ({ podSecurityLevel: '' }));
    assert.deepEqual(ofRule(unset.diagnostics, SECCOMP), [], 'an empty setting leaves it to the file');
  });

  it('checks labels and registries with seaworthy.labelSchema, seaworthy.strictLabels and seaworthy.trustedRegistries over .seaworthy.yaml', async () => {
    settingsFor = () => ({});
    ws.write('labels/.seaworthy.yaml', 'labelSchema:\n  org.opencontainers.image.source: url\nstrictLabels: true\n');
    const uri = ws.uri('labels/Dockerfile');
    client.open(uri, 'dockerfile', 'FROM alpine:3.21\nLABEL team=platform\nUSER 1000\n');
    const fromFile = (await client.diagnostics(uri, 1)).diagnostics;
    assert.deepEqual(ofRule(fromFile, 'label-missing').map((d) => d.message), ['The image has no label "org.opencontainers.image.source", which the label schema requires; add LABEL org.opencontainers.image.source=… to this stage']);
    assert.deepEqual(ofRule(fromFile, 'label-not-in-schema').map((d) => d.range.start), [{ line: 1, character: 6 }]);
    // The setting adds a label to the file's schema; its default (false) leaves strictLabels to the file.
    const layered = await afterSettingsChange(uri, () => ({ labelSchema: { team: 'text' }, strictLabels: false, trustedRegistries: ['registry.example.com'] }));
    assert.equal(ofRule(layered.diagnostics, 'label-missing').length, 1);
    assert.deepEqual(ofRule(layered.diagnostics, 'label-not-in-schema'), [], 'team is in the schema now');
    assert.deepEqual(ofRule(layered.diagnostics, 'base-image-untrusted-registry').map((d) => d.range), [{ start: { line: 0, character: 5 }, end: { line: 0, character: 16 } }]);
  });

  it('re-reads .seaworthy.yaml from disk when a document is saved, without a watcher', async () => {
    settingsFor = () => ({});
    ws.write('saved/.seaworthy.yaml', `rules:\n  ${PRIVILEGED}: warning\n`);
    const uri = ws.uri('saved/pod.yaml');
    client.open(uri, 'yaml', podYaml([true]));
    assert.deepEqual(ofRule((await client.diagnostics(uri, 1)).diagnostics, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Warning]);
    ws.write('saved/.seaworthy.yaml', `rules:\n  ${PRIVILEGED}: info\n`);
    const next = client.nextDiagnostics(uri);
    client.save(uri);
    assert.deepEqual(ofRule((await next).diagnostics, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Information]);
  });

  it('applies an open .seaworthy.yaml as it is typed, before it is saved', async () => {
    settingsFor = () => ({});
    const uri = await open('typed/app/pod.yaml');
    const config = ws.uri('typed/.seaworthy.yaml');
    let next = client.nextDiagnostics(uri);
    client.open(config, 'yaml', `rules:\n  ${PRIVILEGED}: info\n`);
    assert.deepEqual(ofRule((await next).diagnostics, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Information]);
    next = client.nextDiagnostics(uri);
    client.replaceAll(config, `rules:\n  ${PRIVILEGED}: off\n`);
    assert.deepEqual(ofRule((await next).diagnostics, PRIVILEGED), []);
    next = client.nextDiagnostics(uri);
    client.close(config);
    assert.equal(ofRule((await next).diagnostics, PRIVILEGED).length, 1, 'closed and never saved: back to the defaults');
  });

  it('works with defaults for a client without workspace/configuration, and takes pushed settings', async () => {
    const plain = await LspClient.start({ configuration: false });
    try {
      const uri = pathToFileURL(path.join(ws.dir, 'plain', 'pod.yaml')).toString();
      plain.open(uri, 'yaml', podYaml([true]));
      assert.equal(ofRule((await plain.diagnostics(uri, 1)).diagnostics, PRIVILEGED).length, 1);
      assert.equal(plain.configurationRequests, 0);
      const next = plain.nextDiagnostics(uri);
      plain.configurationChanged({ seaworthy: { rules: { [PRIVILEGED]: 'off' } } });
      assert.deepEqual(ofRule((await next).diagnostics, PRIVILEGED), []);
    } finally {
      await plain.stop();
    }
  });
});

describe('language server: settings asked once per workspace folder (settingsPerFolder, as the extension starts it)', () => {
  const ws = tempWorkspace('settings-per-folder');
  const quietFolder = path.join(ws.dir, 'quiet');
  const loudFolder = path.join(ws.dir, 'loud');
  const outside = tempWorkspace('settings-per-folder-outside');
  /** Privileged containers are off in the quiet folder, at warning outside both, as a client resolving per folder answers. */
  let settingsFor: (scopeUri: string | undefined) => unknown = (scopeUri) => {
    if (scopeUri?.startsWith(pathToFileURL(quietFolder).toString() + '/')) return { rules: { [PRIVILEGED]: 'off' } };
    if (scopeUri?.startsWith(pathToFileURL(loudFolder).toString() + '/')) return {};
    return { rules: { [PRIVILEGED]: 'warning' } };
  };
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [quietFolder, loudFolder], initializationOptions: { settingsPerFolder: true }, settings: (uri) => settingsFor(uri) });
  });
  after(() => client.stop());

  async function privilegedOnOpen(uri: string): Promise<(DiagnosticSeverity | undefined)[]> {
    client.open(uri, 'yaml', podYaml([true]));
    return ofRule((await client.diagnostics(uri, 1)).diagnostics, PRIVILEGED).map((d) => d.severity);
  }

  it("applies each folder's settings to a document's first diagnostics, asking once per folder and once for outside them", async () => {
    const quiet = pathToFileURL(path.join(quietFolder, 'a.yaml')).toString();
    const loud = pathToFileURL(path.join(loudFolder, 'a.yaml')).toString();
    const away = outside.uri('a.yaml');
    assert.deepEqual(await privilegedOnOpen(quiet), []);
    assert.deepEqual(await privilegedOnOpen(loud), [DiagnosticSeverity.Error]);
    assert.deepEqual(await privilegedOnOpen(away), [DiagnosticSeverity.Warning]);
    assert.deepEqual(await privilegedOnOpen(pathToFileURL(path.join(quietFolder, 'deep', 'b.yaml')).toString()), []);
    assert.deepEqual(await privilegedOnOpen(pathToFileURL(path.join(loudFolder, 'b.yaml')).toString()), [DiagnosticSeverity.Error]);
    assert.deepEqual(await privilegedOnOpen(outside.uri('b.yaml')), [DiagnosticSeverity.Warning]);
    assert.deepEqual(client.configurationScopes, [quiet, loud, away], 'the second document of each scope is checked without asking');
  });

  it('first publishes a document opened right after a settings change with the new settings', async () => {
    const before = pathToFileURL(path.join(loudFolder, 'before-change.yaml')).toString();
    assert.deepEqual(await privilegedOnOpen(before), [DiagnosticSeverity.Error]);
    settingsFor = () => ({ rules: { [PRIVILEGED]: 'info' } });
    const republished = client.nextDiagnostics(before);
    client.configurationChanged();
    const opened = pathToFileURL(path.join(loudFolder, 'after-change.yaml')).toString();
    assert.deepEqual(await privilegedOnOpen(opened), [DiagnosticSeverity.Information]);
    assert.deepEqual(ofRule((await republished).diagnostics, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Information]);
    assert.equal(client.published.filter((p) => p.uri === opened).length, 1, 'no publish with the old settings first');
  });
});

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MarkupContent } from 'vscode-languageserver/node';
import { RULES, configForExample, defaultConfig, lint } from '../../server/src/engine';
import { RuleDocsRequest } from '../../server/src/lsp/protocol';
import { LspClient } from '../support/lspClient';
import { LSP_SEVERITY, PRIVILEGED, codes, docsHref, ofRule, podYaml, tempWorkspace } from '../support/lspWorkspace';
import { shellParserReady } from '../support/shellParser';

// The engine is used in-process here too: load its shell parser as the server and the CLI do.
before(shellParserReady);

describe('language server: diagnostics', () => {
  const ws = tempWorkspace('diagnostics');
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());

  it('answers initialize with incremental sync, quick fixes, refactorings, fix-all and hover', () => {
    const caps = client.initializeResult?.capabilities;
    assert.deepEqual(caps?.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual(caps?.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll.seaworthy'], resolveProvider: true });
    assert.equal(caps?.hoverProvider, true);
  });

  it('publishes a privileged container with source, code, docs link, severity, range and fix data', async () => {
    const uri = ws.uri('pod.yaml');
    client.open(uri, 'yaml', podYaml([true]));
    const published = await client.diagnostics(uri, 1);
    assert.equal(published.version, 1);
    assert.deepEqual(ofRule(published.diagnostics, PRIVILEGED), [
      {
        range: { start: { line: 9, character: 8 }, end: { line: 9, character: 24 } },
        severity: 1,
        source: 'seaworthy',
        code: 'privileged-container',
        codeDescription: { href: docsHref('privileged-container') },
        message: 'Container "c0" of Pod "web" runs privileged — violates PodSecurity "restricted:latest": privileged (container "c0" must not set securityContext.privileged=true)',
        data: {
          ruleId: 'privileged-container',
          fix: { title: 'Set privileged: false', edits: [{ range: { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } }, newText: 'false' }] },
        },
      },
    ]);
  });

  for (const rule of RULES) {
    it(`reports ${rule.meta.id} on its non-compliant example exactly as the engine does`, async () => {
      const example = rule.meta.nonCompliant;
      const { fileName, text } = example;
      // A rule outside the default profile, or one that reads a setting, is configured the way a
      // team would: .seaworthy.yaml beside the file.
      const profile = rule.meta.profile ?? 'recommended';
      const settings = `${profile !== 'recommended' ? `profile: ${profile}\n` : ''}${example.config ?? ''}`;
      if (settings !== '') ws.write(`examples/${rule.meta.id}/.seaworthy.yaml`, settings);
      const uri = ws.uri(`examples/${rule.meta.id}/${fileName}`);
      client.open(uri, fileName.endsWith('.yaml') || fileName.endsWith('.yml') ? 'yaml' : 'dockerfile', text);
      const { diagnostics } = await client.diagnostics(uri, 1);
      const expected = lint({ fileName, text, config: configForExample(example, { ...defaultConfig(), profile }) }).findings.map((f) => ({
        range: f.range,
        severity: LSP_SEVERITY[f.severity],
        source: 'seaworthy',
        code: f.ruleId,
        codeDescription: { href: docsHref(f.ruleId) },
        message: f.message,
        data: { ruleId: f.ruleId, ...(f.fix ? { fix: f.fix } : {}) },
      }));
      assert.ok(expected.some((d) => d.code === rule.meta.id));
      assert.deepEqual(diagnostics, expected);
    });
  }

  it('follows incremental changes and publishes for every version, even when nothing changed', async () => {
    const uri = ws.uri('incremental.yaml');
    client.open(uri, 'yaml', podYaml([false]));
    assert.deepEqual(ofRule((await client.diagnostics(uri, 1)).diagnostics, PRIVILEGED), []);

    // `false` → `true` on line 9.
    const v2 = client.change(uri, [{ range: { start: { line: 9, character: 20 }, end: { line: 9, character: 25 } }, text: 'true' }]);
    const second = ofRule((await client.diagnostics(uri, v2)).diagnostics, PRIVILEGED);
    assert.equal(second.length, 1);
    assert.deepEqual(second[0]?.range, { start: { line: 9, character: 8 }, end: { line: 9, character: 24 } });

    // A comment above moves the finding down a line; nothing else changes.
    const v3 = client.insert(uri, 0, 0, '# a comment\n');
    const third = ofRule((await client.diagnostics(uri, v3)).diagnostics, PRIVILEGED);
    assert.deepEqual(third[0]?.range, { start: { line: 10, character: 8 }, end: { line: 10, character: 24 } });

    // An edit that changes no finding still gets its own publish.
    const v4 = client.insert(uri, 4, 0, '  # still a pod\n');
    const fourth = await client.diagnostics(uri, v4);
    assert.equal(fourth.version, v4);
    assert.equal(ofRule(fourth.diagnostics, PRIVILEGED).length, 1);
  });

  it('applies several changes of one notification in order', async () => {
    const uri = ws.uri('several.yaml');
    client.open(uri, 'yaml', podYaml([false, false]));
    await client.diagnostics(uri, 1);
    // Second container first (line 13), then the first (line 9): ranges refer to the text as each change leaves it.
    const version = client.change(uri, [
      { range: { start: { line: 13, character: 20 }, end: { line: 13, character: 25 } }, text: 'true' },
      { range: { start: { line: 9, character: 20 }, end: { line: 9, character: 25 } }, text: 'true' },
    ]);
    const { diagnostics } = await client.diagnostics(uri, version);
    assert.deepEqual(
      ofRule(diagnostics, PRIVILEGED).map((d) => d.range.start.line),
      [9, 13],
    );
  });

  it('re-checks only what an edit touches in a multi-document manifest, with file positions', async () => {
    const uri = ws.uri('multi.yaml');
    const docs = [podYaml([false], 'a'), podYaml([true], 'b'), podYaml([false], 'c')];
    client.open(uri, 'yaml', docs.join('---\n'));
    const first = await client.diagnostics(uri, 1);
    assert.deepEqual(ofRule(first.diagnostics, PRIVILEGED).map((d) => d.range.start.line), [20]);
    // Make the third document privileged too: line 31 is its `privileged: false`.
    const version = client.change(uri, [{ range: { start: { line: 31, character: 20 }, end: { line: 31, character: 25 } }, text: 'true' }]);
    const second = ofRule((await client.diagnostics(uri, version)).diagnostics, PRIVILEGED);
    assert.deepEqual(second.map((d) => d.range.start.line), [20, 31]);
    assert.match(String(second[1]?.message), /Pod "c"/);
  });

  it('gives nothing to files that are neither Dockerfiles nor YAML', async () => {
    const notes = ws.uri('notes.txt');
    const script = ws.uri('build.sh');
    client.open(notes, 'plaintext', 'FROM node:latest\nprivileged: true\n');
    client.open(script, 'shellscript', 'docker run --privileged x\n');
    const marker = ws.uri('after-notes.yaml');
    client.open(marker, 'yaml', 'a: 1\n');
    await client.diagnostics(marker, 1);
    assert.equal(client.published.filter((p) => p.uri === notes || p.uri === script).length, 0);
  });

  it('checks documents by language when the name says nothing (untitled Dockerfile)', async () => {
    const uri = 'untitled:Untitled-1';
    client.open(uri, 'dockerfile', 'FROM alpine:3.20\nUSER 0\n');
    const { diagnostics } = await client.diagnostics(uri, 1);
    const expected = lint({ fileName: 'Dockerfile', text: 'FROM alpine:3.20\nUSER 0\n' }).findings.map((f) => f.ruleId);
    assert.deepEqual(codes(diagnostics), expected.sort());
  });

  it('reports mistakes in an open .seaworthy.yaml on the file itself', async () => {
    const uri = ws.uri('config-check/.seaworthy.yaml');
    client.open(uri, 'yaml', 'rules:\n  no-such-rule: off\n  privileged-container: loud\n');
    const { diagnostics } = await client.diagnostics(uri, 1);
    assert.deepEqual(codes(diagnostics), ['invalid-config', 'invalid-config']);
    assert.deepEqual(diagnostics.map((d) => d.range.start.line).sort(), [1, 2]);
    assert.equal(diagnostics[0]?.codeDescription?.href, docsHref('invalid-config'));
    client.close(uri);
  });

  it('clears diagnostics when a document is closed', async () => {
    const uri = ws.uri('closing.yaml');
    client.open(uri, 'yaml', podYaml([true]));
    assert.equal(ofRule((await client.diagnostics(uri, 1)).diagnostics, PRIVILEGED).length, 1);
    const cleared = client.nextDiagnostics(uri);
    client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('explains the rule under the cursor on hover', async () => {
    const uri = ws.uri('hover.yaml');
    client.open(uri, 'yaml', podYaml([true]));
    await client.diagnostics(uri, 1);
    const hover = await client.hover(uri, 9, 12);
    const contents = hover?.contents;
    assert.ok(MarkupContent.is(contents));
    assert.match(contents.value, /^\*\*Container runs privileged\*\* `privileged-container`/);
    assert.match(contents.value, /Pod Security Standards: privileged \(baseline\)/);
    assert.ok(contents.value.includes(docsHref('privileged-container')));
    assert.equal(await client.hover(uri, 0, 0), null);
  });

  it('answers seaworthy/ruleDocs with the docs page', async () => {
    const docs = await client.connection.sendRequest(RuleDocsRequest, { ruleId: 'privileged-container' });
    assert.equal(docs?.uri, docsHref('privileged-container'));
    assert.equal(await client.connection.sendRequest(RuleDocsRequest, { ruleId: 'no-such-rule' }), null);
  });
});

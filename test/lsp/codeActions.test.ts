import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { DockerfileParser } from 'dockerfile-ast';
import { RULES, applyEdits, combinedFixEdits, fixAll, lint, ruleById } from '../../server/src/engine';
import { LspClient } from '../support/lspClient';
import { PRIVILEGED, ofRule, podYaml, tempWorkspace } from '../support/lspWorkspace';
import { shellParserReady } from '../support/shellParser';

// The engine is used in-process here too: load its shell parser as the server and the CLI do.
before(shellParserReady);

const WHOLE_LINE_9 = { start: { line: 9, character: 0 }, end: { line: 10, character: 0 } };
const START_OF_LINE_9 = { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } };

function actionsOf(result: unknown[] | null): CodeAction[] {
  assert.ok(result);
  assert.ok(result.every((a) => CodeAction.is(a)), 'every result is a CodeAction, none a Command');
  return result as CodeAction[];
}

function titled(actions: CodeAction[], title: string): CodeAction {
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no action "${title}" among: ${actions.map((a) => a.title).join(' | ')}`);
  return action;
}

describe('language server: code actions', () => {
  const ws = tempWorkspace('actions');
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());

  /** Opens `text`, waits for its diagnostics, and returns those of `ruleId`. */
  async function openAndWait(name: string, languageId: string, text: string, ruleId: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = ws.uri(name);
    client.open(uri, languageId, text);
    return { uri, diagnostics: ofRule((await client.diagnostics(uri, 1)).diagnostics, ruleId) };
  }

  it('offers the fix as a preferred quick fix whose edit turns privileged off', async () => {
    const { uri, diagnostics } = await openAndWait('fix.yaml', 'yaml', podYaml([true]), PRIVILEGED);
    const actions = actionsOf(await client.codeActions(uri, WHOLE_LINE_9, undefined, diagnostics));
    const fix = titled(actions, 'Set privileged: false');
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, diagnostics);
    assert.equal(client.applied(uri, fix.edit), podYaml([false]));
    // Edits are versioned, so a client never applies them to a newer text.
    assert.deepEqual(fix.edit?.documentChanges?.map((c) => 'textDocument' in c && c.textDocument), [{ uri, version: 1 }]);
  });

  it('offers actions for the diagnostics the client sends even when the range misses them', async () => {
    const { uri, diagnostics } = await openAndWait('cursor.yaml', 'yaml', podYaml([true]), PRIVILEGED);
    const withDiagnostics = actionsOf(await client.codeActions(uri, START_OF_LINE_9, ['quickfix'], diagnostics));
    assert.deepEqual(titled(withDiagnostics, 'Set privileged: false').diagnostics, [diagnostics[0]]);
    const without = actionsOf(await client.codeActions(uri, START_OF_LINE_9, ['quickfix']));
    assert.equal(without.filter((a) => a.diagnostics?.some((d) => d.code === PRIVILEGED)).length, 0);
  });

  it('offers "ignore here" above the finding\'s YAML line, and the finding goes away', async () => {
    const { uri, diagnostics } = await openAndWait('ignore-here.yaml', 'yaml', podYaml([true]), PRIVILEGED);
    const actions = actionsOf(await client.codeActions(uri, diagnostics[0]!.range, ['quickfix'], diagnostics));
    const ignore = titled(actions, `Ignore ${PRIVILEGED} here`);
    assert.equal(ignore.isPreferred, undefined);
    const ignored = client.applied(uri, ignore.edit);
    assert.equal(ignored, podYaml([true]).replace('        privileged: true', `        # seaworthy-ignore ${PRIVILEGED}\n        privileged: true`));
    const version = client.replaceAll(uri, ignored);
    assert.deepEqual(ofRule((await client.diagnostics(uri, version)).diagnostics, PRIVILEGED), []);
  });

  it('offers "ignore in this file" at the top, and every finding of the rule goes away', async () => {
    const { uri, diagnostics } = await openAndWait('ignore-file.yaml', 'yaml', podYaml([true, true]), PRIVILEGED);
    assert.equal(diagnostics.length, 2);
    const actions = actionsOf(await client.codeActions(uri, diagnostics[1]!.range, undefined, diagnostics));
    const ignore = titled(actions, `Ignore ${PRIVILEGED} in this file`);
    const ignored = client.applied(uri, ignore.edit);
    assert.equal(ignored, `# seaworthy-ignore-file ${PRIVILEGED}\n${podYaml([true, true])}`);
    const version = client.replaceAll(uri, ignored);
    assert.deepEqual(ofRule((await client.diagnostics(uri, version)).diagnostics, PRIVILEGED), []);
  });

  it('offers one fix per finding in the range and nothing outside any finding', async () => {
    const { uri } = await openAndWait('range.yaml', 'yaml', podYaml([true, true]), PRIVILEGED);
    const all = actionsOf(await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 14, character: 0 } }));
    assert.equal(all.filter((a) => a.title === 'Set privileged: false').length, 2);
    assert.equal(all.filter((a) => a.title === `Ignore ${PRIVILEGED} in this file`).length, 1);
    const none = actionsOf(await client.codeActions(uri, { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }));
    assert.deepEqual(none.filter((a) => a.diagnostics?.some((d) => d.code === PRIVILEGED)), []);
  });

  it('fixes everything at once with source.fixAll.seaworthy, only when asked for', async () => {
    const text = podYaml([true, false, true]);
    const { uri } = await openAndWait('fix-all.yaml', 'yaml', text, PRIVILEGED);
    const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const [fixAllAction, ...rest] = actionsOf(await client.codeActions(uri, at, ['source.fixAll.seaworthy']));
    assert.equal(rest.length, 0);
    assert.equal(fixAllAction?.kind, 'source.fixAll.seaworthy');
    const fixed = client.applied(uri, fixAllAction?.edit);
    assert.equal(fixed, fixAll(text, (t) => lint({ fileName: 'fix-all.yaml', text: t }).findings).text);
    assert.ok(fixed.includes('privileged: false') && !fixed.includes('privileged: true'));
    // `source` and `source.fixAll` include it; quick fixes alone do not.
    for (const only of [['source'], ['source.fixAll']]) {
      assert.deepEqual(actionsOf(await client.codeActions(uri, at, only)).map((a) => a.kind), ['source.fixAll.seaworthy']);
    }
    assert.ok(actionsOf(await client.codeActions(uri, WHOLE_LINE_9, ['quickfix'])).every((a) => a.kind === 'quickfix'));
  });

  it('fixes what needs several rounds with one edit over the changed span only', async (t) => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n    - name: b\n      image: nginx:1.27\n';
    const lintText = (t: string) => lint({ fileName: 'rounds.yaml', text: t }).findings;
    const expected = fixAll(text, lintText).text;
    if (expected === applyEdits(text, combinedFixEdits(lintText(text)))) return t.skip('no two fixes of this pod clash with the rules registered now');
    const uri = ws.uri('rounds.yaml');
    client.open(uri, 'yaml', text);
    await client.diagnostics(uri, 1);
    const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const [action] = actionsOf(await client.codeActions(uri, at, ['source.fixAll']));
    const change = action?.edit?.documentChanges?.[0];
    assert.ok(change && 'edits' in change);
    assert.equal(change.edits.length, 1);
    assert.ok(change.edits[0]!.range.start.line >= 7, 'the lines before the first change are not rewritten');
    assert.equal(client.applied(uri, action?.edit), expected);
  });

  it('returns no fix-all when nothing is fixable', async () => {
    const uri = ws.uri('clean.yaml');
    client.open(uri, 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n');
    await client.diagnostics(uri, 1);
    const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(await client.codeActions(uri, at, ['source.fixAll.seaworthy']), []);
  });

  it('puts "ignore here" above the first line of a multi-line Dockerfile instruction', async (t) => {
    const rule = RULES.find((r) => r.meta.appliesTo === 'dockerfile' && r.meta.id === 'secret-in-arg-or-env') ?? null;
    if (!rule) return t.skip('secret-in-arg-or-env is not registered yet');
    const text = 'FROM alpine:3.20\nENV APP_MODE=production \\\n    API_TOKEN=abc123abc123abc123\nUSER 1000\n';
    const { uri, diagnostics } = await openAndWait('multiline/Dockerfile', 'dockerfile', text, rule.meta.id);
    assert.equal(diagnostics[0]?.range.start.line, 2, 'the finding is on the continuation line');
    const actions = actionsOf(await client.codeActions(uri, diagnostics[0]!.range, ['quickfix'], diagnostics));
    const ignored = client.applied(uri, titled(actions, `Ignore ${rule.meta.id} here`).edit);
    assert.equal(ignored, `FROM alpine:3.20\n# seaworthy-ignore ${rule.meta.id}\nENV APP_MODE=production \\\n    API_TOKEN=abc123abc123abc123\nUSER 1000\n`);
    const version = client.replaceAll(uri, ignored);
    assert.deepEqual(ofRule((await client.diagnostics(uri, version)).diagnostics, rule.meta.id), []);
  });

  it('keeps Dockerfile parser directives first when ignoring a rule in the whole file', async (t) => {
    const rule = ruleById('base-image-latest-tag');
    if (!rule) return t.skip('base-image-latest-tag is not registered yet');
    const text = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM node:latest\nUSER node\n';
    const { uri, diagnostics } = await openAndWait('directives/Dockerfile', 'dockerfile', text, rule.meta.id);
    assert.equal(diagnostics.length, 1);
    const actions = actionsOf(await client.codeActions(uri, diagnostics[0]!.range, ['quickfix'], diagnostics));
    const ignored = client.applied(uri, titled(actions, `Ignore ${rule.meta.id} in this file`).edit);
    assert.equal(ignored, `# syntax=docker/dockerfile:1\n# escape=\\\n# seaworthy-ignore-file ${rule.meta.id}\nFROM node:latest\nUSER node\n`);
    assert.equal(DockerfileParser.parse(ignored).getDirectives().length, 2);
  });

  // Rules of the default profile: the server runs those without configuration.
  for (const rule of RULES.filter((r) => r.meta.fixable && (r.meta.profile ?? 'recommended') === 'recommended')) {
    it(`applies ${rule.meta.id}'s quick fix exactly as the engine's fix on its non-compliant example`, async () => {
      const { fileName, text } = rule.meta.nonCompliant;
      const languageId = /\.ya?ml$/.test(fileName) ? 'yaml' : 'dockerfile';
      const { uri, diagnostics } = await openAndWait(`fixable/${rule.meta.id}/${fileName}`, languageId, text, rule.meta.id);
      const finding = lint({ fileName, text }).findings.find((f) => f.ruleId === rule.meta.id && f.fix);
      assert.ok(finding?.fix && diagnostics.length > 0);
      const actions = actionsOf(await client.codeActions(uri, diagnostics[0]!.range, ['quickfix'], diagnostics));
      assert.equal(client.applied(uri, titled(actions, finding.fix.title).edit), applyEdits(text, finding.fix.edits));
    });
  }

  it('answers with `changes` when the client does not take versioned document changes', async () => {
    const plain = await LspClient.start({ documentChanges: false });
    try {
      const uri = ws.uri('plain.yaml');
      plain.open(uri, 'yaml', podYaml([true]));
      const diagnostics = ofRule((await plain.diagnostics(uri, 1)).diagnostics, PRIVILEGED);
      const fix = titled(actionsOf(await plain.codeActions(uri, diagnostics[0]!.range, ['quickfix'])), 'Set privileged: false');
      assert.equal(fix.edit?.documentChanges, undefined);
      assert.deepEqual(fix.edit?.changes?.[uri], combinedFixEdits(lint({ fileName: 'plain.yaml', text: podYaml([true]) }).findings.filter((f) => f.ruleId === PRIVILEGED)));
    } finally {
      await plain.stop();
    }
  });
});

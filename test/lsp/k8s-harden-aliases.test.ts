import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeAction, CodeActionKind } from 'vscode-languageserver/node';
import { parseDocument } from 'yaml';
import { HARDEN_TITLE } from '../../server/src/engine';
import { podSecurityFindings } from '../support/hardenRequests';
import { containersYaml, objectHead } from '../support/k8sManifests';
import { LspClient } from '../support/lspClient';
import { tempWorkspace } from '../support/lspWorkspace';

/** As the API server reads it: aliases and merge keys expanded. */
function structure(text: string): unknown {
  const doc = parseDocument(text, { version: '1.1', merge: true });
  assert.deepEqual(doc.errors, []);
  return doc.toJS({ maxAliasCount: -1 });
}

const pod = (first: string | string[], second: string | string[]): string =>
  `${objectHead('v1', 'Pod', 'web')}spec:\n${containersYaml(2, [{ name: 'web', securityContext: first }, { name: 'sidecar', securityContext: second }])}`;

/** Both containers share one securityContext through an alias. */
const SHARED = pod('&sc\n        privileged: true', '*sc');

/** The sidecar merges the anchor (`<<: *sc`) and adds its own key. */
const MERGED = pod('&sc {runAsUser: 10001}', ['<<: *sc', 'privileged: true']);

describe('language server: "Harden this workload" through anchors, aliases and merge keys', () => {
  const ws = tempWorkspace('k8s-harden-aliases');
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());

  async function hardenAction(name: string, text: string): Promise<{ uri: string; action: CodeAction }> {
    const uri = ws.uri(name);
    client.open(uri, 'yaml', text);
    await client.diagnostics(uri, 1);
    const at = { line: 3, character: 4 };
    const actions = ((await client.codeActions(uri, { start: at, end: at })) ?? []).filter((a): a is CodeAction => CodeAction.is(a) && a.kind === CodeActionKind.RefactorRewrite);
    const action = actions.find((a) => a.title.startsWith(HARDEN_TITLE));
    assert.ok(action?.edit, JSON.stringify(actions.map((a) => a.title)));
    return { uri, action };
  }

  it('hardens a securityContext shared through an alias at its anchor, says so, and leaves the alias alone', async () => {
    const { uri, action } = await hardenAction('shared.yaml', SHARED);
    assert.equal(action.title, `${HARDEN_TITLE} (also changes every *sc)`);
    const hardened = client.applied(uri, action.edit);
    assert.match(hardened, /securityContext: \*sc\n/);
    const pod = structure(hardened) as { spec: { securityContext: unknown; containers: { securityContext: Record<string, unknown> }[] } };
    for (const container of pod.spec.containers) {
      assert.deepEqual(container.securityContext, { privileged: false, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    }
    assert.deepEqual(pod.spec.securityContext, { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    assert.deepEqual(podSecurityFindings(hardened), []);
  });

  it('edits a map that merges an anchor in place, keeping the merge key, and re-lints clean', async () => {
    const { uri, action } = await hardenAction('merged.yaml', MERGED);
    const hardened = client.applied(uri, action.edit);
    assert.match(hardened, /<<: \*sc\n/);
    const pod = structure(hardened) as { spec: { containers: { securityContext: Record<string, unknown> }[] } };
    assert.equal(pod.spec.containers[1]!.securityContext['privileged'], false);
    assert.equal(pod.spec.containers[1]!.securityContext['runAsUser'], 10001);
    assert.deepEqual(podSecurityFindings(hardened), []);
  });
});

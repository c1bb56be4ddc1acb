import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { ofRule, tempWorkspace } from '../support/lspWorkspace';

const RULE = 'rbac-workload-bound-to-powerful-role';

function roleYaml(resources: string[], verbs: string[]): string {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: worker
  namespace: apps
rules:
  - apiGroups: [""]
    resources: [${resources.map((r) => `"${r}"`).join(', ')}]
    verbs: [${verbs.map((v) => `"${v}"`).join(', ')}]
`;
}

const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: worker
  namespace: apps
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: worker
subjects:
  - kind: ServiceAccount
    name: worker
    namespace: apps
`;

/** What the binding's finding says the role can do, or null without one. */
function powers(p: PublishDiagnosticsParams): string | null {
  const found = ofRule(p.diagnostics, RULE)[0];
  return found ? (/which can (.*): any pod/.exec(String(found.message))?.[1] ?? '?') : null;
}

describe('language server: a RoleBinding is judged by a Role in another file', () => {
  const ws = tempWorkspace('k8s-roles-across-files');
  ws.write('rbac/role.yaml', roleYaml(['secrets'], ['get']));
  ws.write('apps/binding.yaml', BINDING);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());
  const binding = ws.uri('apps/binding.yaml');
  const role = ws.uri('rbac/role.yaml');
  const nextFor = (accept: (p: string | null) => boolean): Promise<PublishDiagnosticsParams> => client.nextDiagnostics(binding, (p) => accept(powers(p)));

  it('reports the binding of a Role written in another, closed file, at its roleRef name', async () => {
    client.open(binding, 'yaml', BINDING);
    const published = await client.diagnostics(binding, 1);
    assert.equal(powers(published), 'read Secrets');
    assert.deepEqual(ofRule(published.diagnostics, RULE).map((d) => d.range.start.line), [8]);
  });

  it('follows the Role as it is typed in the editor, and its saved text once closed', async () => {
    const exec = nextFor((p) => p === 'read Secrets and exec into pods');
    client.open(role, 'yaml', roleYaml(['secrets', 'pods/exec'], ['get', 'create']));
    assert.equal(powers(await exec), 'read Secrets and exec into pods');
    // The role typed down to ConfigMaps: nothing powerful is bound any more.
    const harmless = nextFor((p) => p === null);
    client.replaceAll(role, roleYaml(['configmaps'], ['get']));
    assert.equal(powers(await harmless), null);
    const saved = nextFor((p) => p === 'read Secrets');
    client.close(role);
    assert.equal(powers(await saved), 'read Secrets');
  });

  it('re-reads a Role changed on disk when the watcher reports it, and forgets a deleted one', async () => {
    ws.write('rbac/role.yaml', roleYaml(['pods'], ['create']));
    const creates = nextFor((p) => p !== null && p.startsWith('create Pods'));
    client.filesChanged([role]);
    assert.match(powers(await creates) ?? '', /^create Pods/);
    fs.rmSync(path.join(ws.dir, 'rbac/role.yaml'));
    const gone = nextFor((p) => p === null);
    client.filesChanged([role], FileChangeType.Deleted);
    assert.equal(powers(await gone), null);
  });
});

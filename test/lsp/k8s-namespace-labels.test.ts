import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { containersYaml, objectHead } from '../support/k8sManifests';
import { LspClient } from '../support/lspClient';
import { PRIVILEGED, ofRule, tempWorkspace } from '../support/lspWorkspace';

const ROOT = 'run-as-root-allowed';

function namespaceYaml(level: string, version?: string): string {
  const pinned = version ? `    pod-security.kubernetes.io/enforce-version: ${version}\n` : '';
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n${pinned}`;
}

/** A privileged container (baseline and restricted) that also may run as root (restricted only). */
const DEPLOYMENT = `${objectHead('apps/v1', 'Deployment', 'web', 'team')}spec:\n  template:\n    spec:\n${containersYaml(6, [{ name: 'web', securityContext: ['privileged: true'] }])}`;

/** Which level the privileged finding names, and whether the restricted-only root finding is there. */
function judged(p: PublishDiagnosticsParams): { privileged: string | null; root: boolean } {
  const privileged = ofRule(p.diagnostics, PRIVILEGED)[0];
  return { privileged: privileged ? (/PodSecurity "([^"]+)"/.exec(String(privileged.message))?.[1] ?? '?') : null, root: ofRule(p.diagnostics, ROOT).length > 0 };
}

describe('language server: Namespace Pod Security labels across files', () => {
  const ws = tempWorkspace('k8s-namespace-labels');
  ws.write('namespaces/team.yaml', namespaceYaml('baseline', 'v1.30'));
  ws.write('apps/web.yaml', DEPLOYMENT);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());
  const web = ws.uri('apps/web.yaml');
  const team = ws.uri('namespaces/team.yaml');
  const nextFor = (accept: (j: ReturnType<typeof judged>) => boolean): Promise<PublishDiagnosticsParams> => client.nextDiagnostics(web, (p) => accept(judged(p)));

  it('judges a workload at the level a Namespace in another, closed file enforces', async () => {
    client.open(web, 'yaml', DEPLOYMENT);
    assert.deepEqual(judged(await client.diagnostics(web, 1)), { privileged: 'baseline:v1.30', root: false });
  });

  it('follows the Namespace as it is typed in the editor, and its saved text once closed', async () => {
    const exempt = nextFor((j) => j.privileged === null);
    client.open(team, 'yaml', namespaceYaml('privileged'));
    // A privileged namespace: the admission controller checks nothing there.
    assert.deepEqual(judged(await exempt), { privileged: null, root: false });
    const restricted = nextFor((j) => j.privileged === 'restricted:latest');
    client.replaceAll(team, namespaceYaml('restricted'));
    assert.deepEqual(judged(await restricted), { privileged: 'restricted:latest', root: true });
    const saved = nextFor((j) => j.privileged === 'baseline:v1.30');
    client.close(team);
    assert.deepEqual(judged(await saved), { privileged: 'baseline:v1.30', root: false });
  });

  it('re-reads a Namespace changed on disk when the watcher reports it', async () => {
    ws.write('namespaces/team.yaml', namespaceYaml('restricted', 'v1.33'));
    const changed = nextFor((j) => j.privileged === 'restricted:v1.33');
    client.filesChanged([team]);
    assert.deepEqual(judged(await changed), { privileged: 'restricted:v1.33', root: true });
  });

  it('leaves a workload in another namespace at the configured level', async () => {
    const other = ws.uri('apps/other.yaml');
    client.open(other, 'yaml', DEPLOYMENT.replace('namespace: team', 'namespace: elsewhere'));
    assert.deepEqual(judged(await client.diagnostics(other, 1)), { privileged: 'restricted:latest', root: true });
  });
});

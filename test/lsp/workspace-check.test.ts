import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from '../../server/src/lsp/protocol';
import { LspClient } from '../support/lspClient';
import { PRIVILEGED, codes, ofRule, podYaml, tempWorkspace } from '../support/lspWorkspace';

const ROOT = 'final-stage-runs-as-root';
const ROOT_DOCKERFILE = 'FROM debian:13-slim\nCMD ["sleep", "1"]\n';
const CLEAN_DOCKERFILE = 'FROM debian:13-slim\nUSER 10001\nCMD ["sleep", "1"]\n';
const WORKFLOW = 'on: push\njobs: {}\n';

describe('language server: Check Workspace', () => {
  const ws = tempWorkspace('workspace-check');
  ws.write('Dockerfile', ROOT_DOCKERFILE);
  ws.write('k8s/pod.yaml', podYaml([true]));
  ws.write('k8s/ci.yaml', WORKFLOW);
  ws.write('notes.txt', 'FROM debian\n');
  ws.write('node_modules/dep/Dockerfile', ROOT_DOCKERFILE);
  ws.write('.hidden/Dockerfile', ROOT_DOCKERFILE);
  ws.write('.gitignore', '# build output\n/build/\n*.generated.yaml\n!keep.generated.yaml\n');
  ws.write('build/Dockerfile', ROOT_DOCKERFILE);
  // Anchored (`/build/`): only the folder beside the .gitignore.
  ws.write('deep/build/Dockerfile', CLEAN_DOCKERFILE);
  // Negations, in the same file and in a nested one (the deepest file has the last word).
  ws.write('k8s/pod.generated.yaml', podYaml([true], 'gen'));
  ws.write('k8s/keep.generated.yaml', WORKFLOW);
  ws.write('svc/.gitignore', '!svc.generated.yaml\n');
  ws.write('svc/svc.generated.yaml', WORKFLOW);
  ws.write('svc/other.generated.yaml', podYaml([true], 'other'));
  ws.write('vendor/pod.yaml', podYaml([true]));
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir], workDoneProgress: true, settings: () => ({ ignorePaths: ['vendor/**'] }) });
  });
  after(() => client.stop());

  const check = (token?: CancellationTokenSource): Promise<CheckWorkspaceResult> => client.connection.sendRequest(CheckWorkspaceRequest, {}, token?.token);
  const lastFor = (name: string): PublishDiagnosticsParams | undefined => client.published.filter((p) => p.uri === ws.uri(name)).at(-1);

  it('fills the diagnostics of files never opened, skipping what the CLI skips and what is ignored', async () => {
    const result = await check();
    // Dockerfile, deep/build/Dockerfile, k8s/{pod,ci,keep.generated}.yaml, svc/svc.generated.yaml and vendor/pod.yaml:
    // not node_modules, dot-folders or what the .gitignore files leave out.
    assert.deepEqual(result, { files: 7, checked: 7, unchanged: 0, findings: ofRule(lastFor('Dockerfile')!.diagnostics, ROOT).length + lastFor('k8s/pod.yaml')!.diagnostics.length, filesWithFindings: 2, cancelled: false });
    assert.deepEqual(codes(lastFor('Dockerfile')!.diagnostics), [ROOT]);
    assert.ok(ofRule(lastFor('k8s/pod.yaml')!.diagnostics, PRIVILEGED).length === 1);
    for (const skipped of ['node_modules/dep/Dockerfile', '.hidden/Dockerfile', 'build/Dockerfile', 'notes.txt', 'k8s/pod.generated.yaml', 'svc/other.generated.yaml']) {
      assert.equal(lastFor(skipped), undefined, skipped);
    }
    for (const brought of ['deep/build/Dockerfile', 'k8s/keep.generated.yaml', 'svc/svc.generated.yaml']) assert.deepEqual(lastFor(brought)?.diagnostics, [], brought);
    assert.deepEqual(lastFor('vendor/pod.yaml')?.diagnostics ?? [], []);
    assert.ok(client.progress.some((p) => (p as { kind?: string }).kind === 'begin'), 'reports progress');
  });

  it('does not lint unchanged files again', async () => {
    const before = client.published.length;
    const result = await check();
    assert.equal(result.checked, 0);
    assert.equal(result.unchanged, 7);
    assert.equal(client.published.length, before);
  });

  it('keeps closed files current from the file watcher', async () => {
    ws.write('Dockerfile', CLEAN_DOCKERFILE);
    const fixed = client.nextDiagnostics(ws.uri('Dockerfile'));
    client.filesChanged([ws.uri('Dockerfile')]);
    assert.deepEqual((await fixed).diagnostics, []);
    ws.write('k8s/new.yaml', podYaml([true], 'new'));
    const created = client.nextDiagnostics(ws.uri('k8s/new.yaml'));
    client.filesChanged([ws.uri('k8s/new.yaml')], FileChangeType.Created);
    assert.equal(ofRule((await created).diagnostics, PRIVILEGED).length, 1);
    fs.rmSync(path.join(ws.dir, 'k8s/new.yaml'));
    const gone = client.nextDiagnostics(ws.uri('k8s/new.yaml'));
    client.filesChanged([ws.uri('k8s/new.yaml')], FileChangeType.Deleted);
    assert.deepEqual((await gone).diagnostics, []);
  });

  it('leaves out from the watcher what the full walk leaves out: .gitignore, dot-folders, node_modules', async () => {
    const left = ['build/Dockerfile', 'node_modules/dep/Dockerfile', '.hidden/Dockerfile', 'k8s/pod.generated.yaml', 'svc/other.generated.yaml', 'build/sub/pod.yaml'];
    ws.write('build/sub/pod.yaml', podYaml([true], 'deep'));
    for (const file of left) ws.write(file, podYaml([true], 'changed'));
    const before = client.published.length;
    client.filesChanged(left.map((file) => ws.uri(file)), FileChangeType.Created);
    // Changes are handled in order: once this one is published, the ones before it were decided.
    ws.write('k8s/watched.yaml', podYaml([true], 'watched'));
    const watched = client.nextDiagnostics(ws.uri('k8s/watched.yaml'));
    client.filesChanged([ws.uri('k8s/watched.yaml')], FileChangeType.Created);
    assert.equal(ofRule((await watched).diagnostics, PRIVILEGED).length, 1);
    assert.deepEqual(
      client.published.slice(before).map((p) => p.uri),
      [ws.uri('k8s/watched.yaml')],
    );
  });

  it('walks again when a .gitignore changes: what it now names is cleared, what it frees is checked', async () => {
    ws.write('.gitignore', '# build output\n/build/\n*.generated.yaml\n!keep.generated.yaml\nk8s/watched.yaml\n');
    const cleared = client.nextDiagnostics(ws.uri('k8s/watched.yaml'));
    client.filesChanged([ws.uri('.gitignore')]);
    assert.deepEqual((await cleared).diagnostics, []);
    ws.write('.gitignore', '# build output\n*.generated.yaml\n!keep.generated.yaml\n');
    const freed = client.nextDiagnostics(ws.uri('build/sub/pod.yaml'));
    client.filesChanged([ws.uri('.gitignore')]);
    assert.equal(ofRule((await freed).diagnostics, PRIVILEGED).length, 1);
    ws.write('.gitignore', '# build output\n/build/\n*.generated.yaml\n!keep.generated.yaml\n');
    const again = client.nextDiagnostics(ws.uri('build/sub/pod.yaml'));
    client.filesChanged([ws.uri('.gitignore')]);
    assert.deepEqual((await again).diagnostics, []);
  });

  it('shows the saved text\'s findings again when an open file is closed', async () => {
    const uri = ws.uri('k8s/pod.yaml');
    client.open(uri, 'yaml', podYaml([false]));
    assert.deepEqual(ofRule((await client.diagnostics(uri, 1)).diagnostics, PRIVILEGED), []);
    const closed = client.nextDiagnostics(uri);
    client.close(uri);
    assert.equal(ofRule((await closed).diagnostics, PRIVILEGED).length, 1);
  });

  it('stops when cancelled', async () => {
    for (let i = 0; i < 40; i++) ws.write(`many/pod-${i}.yaml`, podYaml([true], `p${i}`));
    const source = new CancellationTokenSource();
    // Cancel once the check says it runs through the files, as the user would.
    const reporting = client.nextProgress((v) => (v as { kind?: string }).kind === 'report');
    const running = check(source);
    await reporting;
    source.cancel();
    const result = await running;
    assert.equal(result.cancelled, true, JSON.stringify(result));
    assert.ok(result.checked < 41, `checked ${result.checked}`);
  });
});

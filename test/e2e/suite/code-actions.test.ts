import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import { parseDocument } from 'yaml';
import {
  applyEdits,
  cliFindings,
  codeOf,
  codesOf,
  describeDiagnostic,
  describeFinding,
  openFixture,
  seaworthyCli,
  textFixedByCli,
  waitForDiagnostics,
  workspaceRoot,
} from './seaworthyExtension';

const FIX_ALL_KIND = 'source.fixAll.seaworthy';

function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind);
}

/**
 * Opens a fresh copy of `fixture`, asks the code action provider for the quick fixes of the `rule`
 * diagnostic, applies the one the engine names, and returns the editor and the text it expects.
 */
async function applyQuickFix(fixture: string, rule: string): Promise<{ document: vscode.TextDocument; expected: string }> {
  const { document } = await openFixture(fixture, { fresh: true });
  const original = document.getText();
  const finding = cliFindings(document).find((f) => f.ruleId === rule);
  assert.ok(finding?.fix, `the engine has no fix for ${rule} in ${fixture}`);
  const diagnostics = await waitForDiagnostics(document.uri, (d) => codesOf(d).includes(rule), rule);
  const diagnostic = diagnostics.find((d) => codeOf(d) === rule)!;
  const actions = await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const action = actions.find((a) => a.title === finding.fix!.title);
  assert.ok(action, `no quick fix "${finding.fix.title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind), `kind is ${action.kind?.value}`);
  assert.ok(action.edit, 'the quick fix carries a WorkspaceEdit (not a command)');
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return { document, expected: applyEdits(original, finding.fix.edits) };
}

suite('code actions', () => {
  test('manifest quick fix: "privileged: true" becomes "privileged: false", comment kept', async () => {
    const { document, expected } = await applyQuickFix('deploy.yaml', 'privileged-container');
    assert.strictEqual(document.getText(), expected);
    assert.strictEqual(document.lineAt(12).text, '            privileged: false');
    assert.strictEqual(document.lineAt(10).text, '          # the image needs raw sockets');
    await waitForDiagnostics(document.uri, (d) => d.length > 0 && !codesOf(d).includes('privileged-container'), 'privileged-container to go');
  });

  test('"Harden this workload" applies the restricted profile to deploy.yaml in one edit, and the Pod Security findings go', async () => {
    const { document } = await openFixture('deploy.yaml', { fresh: true });
    await waitForDiagnostics(document.uri, (d) => codesOf(d).includes('privileged-container'), 'privileged-container');
    const cursor = new vscode.Range(8, 10, 8, 10);
    const actions = await codeActions(document.uri, cursor, vscode.CodeActionKind.RefactorRewrite.value);
    const titles = actions.map((a) => a.title);
    const harden = actions.find((a) => a.title === 'Harden this workload (restricted Pod Security Standard)');
    assert.ok(harden?.edit, `no harden action among ${JSON.stringify(titles)}`);
    assert.ok(titles.includes('Harden this workload, with a read-only root filesystem'), JSON.stringify(titles));
    assert.ok(harden.kind && vscode.CodeActionKind.RefactorRewrite.contains(harden.kind), `kind is ${harden.kind?.value}`);
    assert.ok(await vscode.workspace.applyEdit(harden.edit));
    const lines = document.getText().split('\n');
    assert.deepStrictEqual(lines.slice(10), [
      '          # the image needs raw sockets',
      '          securityContext:',
      '            privileged: false',
      '            allowPrivilegeEscalation: false',
      '            capabilities:',
      '              drop:',
      '                - ALL',
      '      securityContext:',
      '        runAsNonRoot: true',
      '        seccompProfile:',
      '          type: RuntimeDefault',
      '',
    ]);
    const left = seaworthyCli()
      .findingsForText('deploy.yaml', document.getText())
      .filter((f) => ((f as unknown as { refs: { pss: unknown[] } }).refs.pss ?? []).length > 0);
    assert.deepStrictEqual(left.map(describeFinding), []);
    await waitForDiagnostics(document.uri, (d) => !codesOf(d).some((c) => ['privileged-container', 'privilege-escalation-allowed', 'run-as-root-allowed', 'seccomp-profile-missing', 'capabilities-not-dropped'].includes(c)), 'the Pod Security findings to go');
  });

  test('"Harden this workload" through an alias: the anchor is hardened where its own pod holds it (the title says every *sc changes), not through an alias from another pod (the title says so)', async () => {
    const { document } = await openFixture('anchors.yaml', { fresh: true });
    await waitForDiagnostics(document.uri, (d) => codesOf(d).includes('privileged-container'), 'privileged-container');
    const original = document.getText();
    const hardenAt = async (line: number): Promise<vscode.CodeAction> => {
      const actions = await codeActions(document.uri, new vscode.Range(line, 6, line, 6), vscode.CodeActionKind.RefactorRewrite.value);
      const harden = actions.find((a) => a.title.startsWith('Harden this workload (restricted Pod Security Standard)'));
      assert.ok(harden?.edit, `no harden action at line ${line + 1} among ${JSON.stringify(actions.map((a) => a.title))}`);
      return harden;
    };
    // The second pod only uses *sc: hardening it must not change the first pod through the anchor.
    const worker = await hardenAt(19);
    assert.strictEqual(worker.title, 'Harden this workload (restricted Pod Security Standard) (not through *sc: harden the anchor &sc or write the values in place)');
    assert.ok(await vscode.workspace.applyEdit(worker.edit!));
    const afterWorker = document.getText();
    assert.strictEqual(afterWorker.slice(0, afterWorker.indexOf('  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: worker')), original.slice(0, original.indexOf('  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: worker')));
    assert.match(afterWorker, /securityContext: \*sc\n      securityContext:\n        runAsNonRoot: true\n        seccompProfile:\n          type: RuntimeDefault\n$/);
    // The first pod holds the anchor: it is hardened there, and the title says every alias changes with it.
    const web = await hardenAt(5);
    assert.strictEqual(web.title, 'Harden this workload (restricted Pod Security Standard) (also changes every *sc)');
    assert.ok(await vscode.workspace.applyEdit(web.edit!));
    const hardened = document.getText();
    assert.strictEqual((hardened.match(/securityContext: \*sc$/gm) ?? []).length, 2, 'both aliases stay aliases');
    const items = (parseDocument(hardened, { version: '1.1', merge: true }).toJS({ maxAliasCount: -1 }) as { items: { spec: { securityContext: unknown; containers: { securityContext: unknown }[] } }[] }).items;
    for (const item of items) {
      assert.deepStrictEqual(item.spec.securityContext, { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const container of item.spec.containers) assert.deepStrictEqual(container.securityContext, { privileged: false, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    }
    const left = seaworthyCli()
      .findingsForText('anchors.yaml', hardened)
      .filter((f) => ((f as unknown as { refs: { pss: unknown[] } }).refs.pss ?? []).length > 0);
    assert.deepStrictEqual(left.map(describeFinding), []);
    await waitForDiagnostics(document.uri, (d) => !codesOf(d).some((c) => ['privileged-container', 'privilege-escalation-allowed', 'run-as-root-allowed', 'seccomp-profile-missing', 'capabilities-not-dropped'].includes(c)), 'the Pod Security findings to go');
  });

  test('"Harden this workload" on a Tekton Task: the steps\' settings go into a new stepTemplate, the step that said otherwise and the sidecar are edited, and the title says where pod settings go', async () => {
    const { document } = await openFixture('tekton-task.yaml', { fresh: true });
    await waitForDiagnostics(document.uri, (d) => codesOf(d).includes('privilege-escalation-allowed'), 'privilege-escalation-allowed');
    const actions = await codeActions(document.uri, new vscode.Range(6, 8, 6, 8), vscode.CodeActionKind.RefactorRewrite.value);
    const title = "Harden this workload (restricted Pod Security Standard) (steps and sidecars; pod-level settings belong to the run's podTemplate)";
    const harden = actions.find((a) => a.title === title);
    assert.ok(harden?.edit, `no "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(harden.edit));
    assert.deepStrictEqual(document.getText().split('\n').slice(8), [
      '    - name: test',
      '      image: golang:1.23',
      '      securityContext:',
      '        allowPrivilegeEscalation: false # for sudo',
      '  sidecars:',
      '    - name: cache',
      '      image: redis:7',
      '      securityContext:',
      '        allowPrivilegeEscalation: false',
      '        capabilities:',
      '          drop:',
      '            - ALL',
      '        runAsNonRoot: true',
      '        seccompProfile:',
      '          type: RuntimeDefault',
      '  stepTemplate:',
      '    securityContext:',
      '      allowPrivilegeEscalation: false',
      '      capabilities:',
      '        drop:',
      '          - ALL',
      '      runAsNonRoot: true',
      '      seccompProfile:',
      '        type: RuntimeDefault',
      '',
    ]);
    const left = seaworthyCli()
      .findingsForText('tekton-task.yaml', document.getText())
      .filter((f) => ((f as unknown as { refs: { pss: unknown[] } }).refs.pss ?? []).length > 0);
    assert.deepStrictEqual(left.map(describeFinding), []);
    await waitForDiagnostics(document.uri, (d) => !codesOf(d).some((c) => ['privilege-escalation-allowed', 'capabilities-not-dropped'].includes(c)), 'the Pod Security findings to go');
  });

  test('Dockerfile quick fix: the final stage gets a non-root USER', async () => {
    const { document, expected } = await applyQuickFix('web.Dockerfile', 'final-stage-runs-as-root');
    assert.strictEqual(document.getText(), expected);
    assert.match(document.getText(), /^USER \S+/m);
    await waitForDiagnostics(document.uri, (d) => d.length > 0 && !codesOf(d).includes('final-stage-runs-as-root'), 'final-stage-runs-as-root to go');
  });

  test('swap the base image: python:3.12 offers its smaller variants safest first, and -slim replaces it', async () => {
    const { document } = await openFixture('python.Dockerfile', { fresh: true });
    const original = document.getText();
    const diagnostics = await waitForDiagnostics(document.uri, (d) => codesOf(d).includes('full-size-base-image'), 'full-size-base-image');
    const diagnostic = diagnostics.find((d) => codeOf(d) === 'full-size-base-image')!;
    const actions = await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const swaps = actions.filter((a) => /^(?:python|gcr\.io|cgr\.dev)/.test(a.title)).map((a) => a.title.split(' — ')[0]);
    // The shell-less ones are refused here (a RUN needs a shell): VS Code lists them disabled, or not at all.
    assert.deepStrictEqual(swaps.slice(0, 2), ['python:3.12-slim', 'python:3.12-alpine']);
    const slim = actions.find((a) => a.title.startsWith('python:3.12-slim — '));
    assert.ok(slim?.edit && !slim.isPreferred, 'the swap carries its edit and is never the preferred fix');
    assert.ok(await vscode.workspace.applyEdit(slim.edit));
    assert.strictEqual(document.getText(), original.replace('FROM python:3.12\n', 'FROM python:3.12-slim\n'));
    await waitForDiagnostics(document.uri, (d) => d.length > 0 && !codesOf(d).includes('full-size-base-image'), 'full-size-base-image to go');
  });

  test('"ignore this rule here" inserts the suppression pragma and the finding goes', async () => {
    const { document } = await openFixture('deploy.yaml', { fresh: true });
    const diagnostics = await waitForDiagnostics(document.uri, (d) => codesOf(d).includes('privileged-container'), 'privileged-container');
    const diagnostic = diagnostics.find((d) => codeOf(d) === 'privileged-container')!;
    const actions = await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    // vscode.executeCodeActionProvider returns actions without their `diagnostics`: match the title.
    const ignore = actions.find((a) => a.title === 'Ignore privileged-container here');
    assert.ok(ignore?.edit, `no "Ignore privileged-container here" with an edit among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.match(document.getText(), /# seaworthy-ignore privileged-container/);
    await waitForDiagnostics(document.uri, (d) => d.length > 0 && !codesOf(d).includes('privileged-container'), 'privileged-container to go');
  });

  test('"Pin with --checksum" downloads the URL only when resolved and writes its SHA-256', async () => {
    const payload = '#!/bin/sh\necho tool 1.4.2\n'.repeat(1000);
    const digest = createHash('sha256').update(payload).digest('hex');
    const downloads: string[] = [];
    const server = http.createServer((req, res) => {
      downloads.push(req.url ?? '');
      res.end(payload);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tool.tar.gz`;
      const dir = path.join(workspaceRoot(), 'scratch', 'pin');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM alpine:3.20\nADD ${url} /opt/\nUSER 10001\n`);
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, 'Dockerfile')));
      await vscode.window.showTextDocument(document);
      const rule = 'add-url-without-checksum';
      const diagnostics = await waitForDiagnostics(document.uri, (d) => codesOf(d).includes(rule), rule);
      const range = diagnostics.find((d) => codeOf(d) === rule)!.range;
      const offered = await codeActions(document.uri, range, vscode.CodeActionKind.QuickFix.value);
      const title = `Pin with --checksum (downloads ${url} to compute its SHA-256)`;
      assert.ok(offered.some((a) => a.title === title), `no "${title}" among ${JSON.stringify(offered.map((a) => a.title))}`);
      assert.deepStrictEqual(downloads, [], 'listing the quick fixes downloads nothing');
      // The 4th argument makes VS Code resolve the actions, as it does when the user picks one.
      const resolved = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value, 10);
      const pin = resolved.find((a) => a.title === title);
      assert.ok(pin?.edit, 'the resolved action carries the edit');
      assert.ok(await vscode.workspace.applyEdit(pin.edit));
      assert.strictEqual(document.getText(), `FROM alpine:3.20\nADD --checksum=sha256:${digest} ${url} /opt/\nUSER 10001\n`);
      assert.deepStrictEqual(downloads, ['/tool.tar.gz']);
      await waitForDiagnostics(document.uri, (d) => !codesOf(d).includes(rule), `${rule} to go`);
    } finally {
      server.close();
    }
  });

  for (const fixture of ['web.Dockerfile', 'deploy.yaml']) {
    test(`${FIX_ALL_KIND} on ${fixture} gives the text of \`seaworthy check --fix\``, async () => {
      const { document } = await openFixture(fixture, { fresh: true });
      const expected = textFixedByCli(document);
      assert.notStrictEqual(expected, document.getText(), 'the CLI fixes something in the fixture');
      await waitForDiagnostics(document.uri, (d) => d.length > 0, 'diagnostics');
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      const actions = await codeActions(document.uri, whole, FIX_ALL_KIND);
      const fixAll = actions.filter((a) => a.kind?.value === FIX_ALL_KIND);
      assert.strictEqual(fixAll.length, 1, `actions: ${JSON.stringify(actions.map((a) => [a.kind?.value, a.title]))}`);
      assert.ok(fixAll[0]!.edit, 'fix-all carries a WorkspaceEdit');
      assert.ok(await vscode.workspace.applyEdit(fixAll[0]!.edit));
      assert.strictEqual(document.getText(), expected);
      const remaining = seaworthyCli().findingsForText(path.basename(document.uri.fsPath), expected).map(describeFinding).sort();
      await waitForDiagnostics(
        document.uri,
        (d) => JSON.stringify(d.map(describeDiagnostic).sort()) === JSON.stringify(remaining),
        `the findings left after fixing: ${JSON.stringify(remaining)}`,
      );
    });
  }
});

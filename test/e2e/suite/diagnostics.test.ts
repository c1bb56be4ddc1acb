import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { codeOf, codesOf, describeDiagnostic, expectEditorToAgreeWithCli, openFixture, waitForDiagnostics } from './seaworthyExtension';

function only(diagnostics: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const matching = diagnostics.filter((d) => codeOf(d) === code);
  assert.strictEqual(matching.length, 1, `expected one ${code} diagnostic, got ${matching.map(describeDiagnostic)}`);
  return matching[0]!;
}

suite('diagnostics', () => {
  test('Dockerfile: codes, ranges, severities and messages match the engine, each with a docs link', async () => {
    const { document } = await openFixture('web.Dockerfile');
    const diagnostics = await expectEditorToAgreeWithCli(document);
    assert.deepStrictEqual(codesOf(diagnostics), [
      'add-url-without-checksum',
      'base-image-latest-tag',
      'final-stage-runs-as-root',
      'full-size-base-image',
      'secret-in-arg-or-env',
    ]);
    const latest = only(diagnostics, 'base-image-latest-tag');
    assert.strictEqual(latest.range.start.line, 0);
    assert.match(document.getText(latest.range), /latest/);
    const secret = only(diagnostics, 'secret-in-arg-or-env');
    assert.strictEqual(secret.range.start.line, 1);
    assert.match(document.getText(secret.range), /NPM_TOKEN/);
    const addUrl = only(diagnostics, 'add-url-without-checksum');
    assert.strictEqual(addUrl.range.start.line, 3);
    for (const d of diagnostics) {
      assert.ok(typeof d.code === 'object' && d.code.target, `${codeOf(d)} has no codeDescription.href`);
      // The link opens the rendered, read-only rule page through the command (the client rewrites the server's file link).
      assert.strictEqual(d.code.target.scheme, 'command', `${codeOf(d)} links to the rule page command`);
      assert.deepStrictEqual(JSON.parse(decodeURIComponent(d.code.target.query)), [codeOf(d)], `${codeOf(d)} links to its own rule page`);
    }
  });

  test('Kubernetes manifest: privileged-container is an error on the `privileged: true` pair', async () => {
    const { document } = await openFixture('deploy.yaml');
    const diagnostics = await expectEditorToAgreeWithCli(document);
    const privileged = only(diagnostics, 'privileged-container');
    assert.deepStrictEqual(
      [privileged.range.start.line, privileged.range.start.character, privileged.range.end.line, privileged.range.end.character],
      [12, 12, 12, 28],
    );
    assert.strictEqual(document.getText(privileged.range), 'privileged: true');
    assert.strictEqual(privileged.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(codesOf(diagnostics).includes('privilege-escalation-allowed'));
    assert.ok(codesOf(diagnostics).includes('run-as-root-allowed'));
  });

  test('typing in the editor updates the diagnostics without a save', async () => {
    const editor = await openFixture('web.Dockerfile', { fresh: true });
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => codesOf(d).includes('base-image-latest-tag'), 'base-image-latest-tag');
    const tag = editor.document.lineAt(0).text.indexOf('latest');
    const edited = await editor.edit((edit) => edit.replace(new vscode.Range(0, tag, 0, tag + 'latest'.length), '22.11-slim'));
    assert.ok(edited);
    assert.strictEqual(editor.document.lineAt(0).text, 'FROM node:22.11-slim');
    const after = await waitForDiagnostics(uri, (d) => d.length > 0 && !codesOf(d).includes('base-image-latest-tag'), 'base-image-latest-tag to go');
    assert.ok(codesOf(after).includes('final-stage-runs-as-root'));
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8').split('\n')[0], 'FROM node:latest', 'the file on disk is untouched');
  });
});

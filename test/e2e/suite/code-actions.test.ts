import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
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

  test('Dockerfile quick fix: the final stage gets a non-root USER', async () => {
    const { document, expected } = await applyQuickFix('web.Dockerfile', 'final-stage-runs-as-root');
    assert.strictEqual(document.getText(), expected);
    assert.match(document.getText(), /^USER \S+/m);
    await waitForDiagnostics(document.uri, (d) => d.length > 0 && !codesOf(d).includes('final-stage-runs-as-root'), 'final-stage-runs-as-root to go');
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

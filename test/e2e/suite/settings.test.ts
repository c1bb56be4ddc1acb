import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { codeOf, codesOf, openFixture, setSetting, waitForDiagnostics, workspaceRoot } from './seaworthyExtension';

const PRIVILEGED = 'privileged-container';

suite('settings', () => {
  teardown(async () => {
    await setSetting('rules', undefined);
    await setSetting('enable', undefined);
    await setSetting('ignorePaths', undefined);
  });

  test('seaworthy.rules: "off" removes a rule, a severity override changes it, removing it restores it', async () => {
    const { document } = await openFixture('deploy.yaml');
    const uri = document.uri;
    const severityOf = (d: vscode.Diagnostic[]): vscode.DiagnosticSeverity | undefined => d.find((x) => codeOf(x) === PRIVILEGED)?.severity;
    await waitForDiagnostics(uri, (d) => severityOf(d) === vscode.DiagnosticSeverity.Error, `${PRIVILEGED} as an error`);

    await setSetting('rules', { [PRIVILEGED]: 'off' });
    const off = await waitForDiagnostics(uri, (d) => d.length > 0 && !codesOf(d).includes(PRIVILEGED), `${PRIVILEGED} to be off`);
    assert.ok(codesOf(off).includes('run-as-root-allowed'), 'the other rules still report');

    await setSetting('rules', { [PRIVILEGED]: 'warning' });
    await waitForDiagnostics(uri, (d) => severityOf(d) === vscode.DiagnosticSeverity.Warning, `${PRIVILEGED} as a warning`);

    await setSetting('rules', undefined);
    await waitForDiagnostics(uri, (d) => severityOf(d) === vscode.DiagnosticSeverity.Error, `${PRIVILEGED} back as an error`);
  });

  test('seaworthy.enable: false clears the diagnostics, true brings them back', async () => {
    const { document } = await openFixture('web.Dockerfile');
    const uri = document.uri;
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics');
    await setSetting('enable', false);
    await waitForDiagnostics(uri, (d) => d.length === 0, 'no diagnostics');
    await setSetting('enable', true);
    await waitForDiagnostics(uri, (d) => codesOf(d).includes('base-image-latest-tag'), 'diagnostics back');
  });

  test('seaworthy.ignorePaths: a matching file gets no diagnostics', async () => {
    const { document } = await openFixture('deploy.yaml');
    const uri = document.uri;
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics');
    await setSetting('ignorePaths', ['**/deploy.yaml']);
    await waitForDiagnostics(uri, (d) => d.length === 0, 'no diagnostics for an ignored path');
    await setSetting('ignorePaths', undefined);
    await waitForDiagnostics(uri, (d) => codesOf(d).includes(PRIVILEGED), 'diagnostics back');
  });

  test('the hover says which source set a rule\'s level: its default, .seaworthy.yaml, a setting that may only raise it', async () => {
    const LATEST = 'base-image-latest-tag';
    const folder = path.join(workspaceRoot(), 'policy');
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(path.join(workspaceRoot(), 'web.Dockerfile'), path.join(folder, 'web.Dockerfile'));
    const levelLine = async (uri: vscode.Uri, severity: vscode.DiagnosticSeverity): Promise<string> => {
      const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === LATEST && x.severity === severity), `${LATEST} at severity ${severity}`);
      const at = diagnostics.find((x) => codeOf(x) === LATEST)!.range.start;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /Level: .*/.exec(text)?.[0] ?? text;
    };
    try {
      const outside = (await openFixture('web.Dockerfile')).document.uri;
      assert.equal(await levelLine(outside, vscode.DiagnosticSeverity.Warning), "Level: **warning**, set by the rule's default level.");
      fs.writeFileSync(path.join(folder, '.seaworthy.yaml'), `rules:\n  ${LATEST}: error\n`);
      const inside = (await openFixture('policy/web.Dockerfile')).document.uri;
      assert.match(await levelLine(inside, vscode.DiagnosticSeverity.Error), /^Level: \*\*error\*\*, set by the team policy in policy\/\.seaworthy\.yaml\.$/);
      // Settings may raise a rule above the team policy, not lower it.
      // (The file outside the policy takes the setting first: the server has it then.)
      await setSetting('rules', { [LATEST]: 'info' });
      assert.equal(await levelLine(outside, vscode.DiagnosticSeverity.Information), 'Level: **info**, set by your settings (`seaworthy.rules`).');
      assert.match(await levelLine(inside, vscode.DiagnosticSeverity.Error), /Your setting `info` is not applied: `\.seaworthy\.yaml` sets this rule, and settings may only raise it\./);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, codesOf, openFixture, setSetting, waitForDiagnostics } from './seaworthyExtension';

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
});

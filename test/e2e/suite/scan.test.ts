import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { codeOf, openFixture, seaworthyExtension, waitForDiagnostics } from './seaworthyExtension';

/** The repository the suite runs from (out/e2e/suite → the root): the stand-in scanner and the recorded reports. */
const REPO = path.resolve(__dirname, '..', '..', '..');
const TRIVY_REPORT = path.join(REPO, 'test', 'fixtures', 'scanners', 'trivy', 'alpine-3.10-image-trivy-0.72.0.json');
const CODE = 'image-vulnerabilities';
const SUMMARY = 'alpine:3.10: 1 critical (Trivy scan); 1 of 1 have a fixed version; most severe: CVE-2021-36159 in apk-tools 2.10.6-r0 (fixed in 2.10.7-r0).';

interface ScanResult {
  scans: { image: string; engine: string; vulnerabilities: { id: string }[] }[];
  failures: { image: string; kind: string; message: string }[];
}

/**
 * A stand-in `trivy` (test/support/fakeScanner) that replays the recorded Trivy 0.72.0 report of
 * alpine:3.10, named by `seaworthy.scan.trivyPath` (the workspace is trusted here).
 */
function installFakeTrivy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-e2e-trivy-'));
  const file = path.join(dir, 'trivy');
  const spec = { trivy: { mode: 'replay', reports: { 'alpine:3.10': TRIVY_REPORT } } };
  fs.writeFileSync(
    file,
    `#!${process.execPath}\nprocess.env.FAKE_SCANNER_NAME = 'trivy';\nprocess.env.FAKE_SCANNER = ${JSON.stringify(JSON.stringify(spec))};\nrequire(${JSON.stringify(path.join(REPO, 'test', 'support', 'fakeScanner', 'scanner.js'))});\n`,
    { mode: 0o755 },
  );
  return file;
}

suite('image scans', () => {
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('seaworthy.scan');

  suiteSetup(async () => {
    await settings().update('trivyPath', installFakeTrivy(), vscode.ConfigurationTarget.Global);
    await settings().update('engine', 'trivy', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('seaworthy.clearScanResults');
    for (const key of ['trivyPath', 'engine', 'codeLens']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  test('the scan commands are contributed with their palette titles', () => {
    const commands = (seaworthyExtension().packageJSON as { contributes: { commands: { command: string; title: string }[] } }).contributes.commands;
    const titles = new Map(commands.map((c) => [c.command, c.title]));
    assert.deepStrictEqual(
      ['seaworthy.scanImage', 'seaworthy.scanImagesInFile', 'seaworthy.exportScanReport', 'seaworthy.clearScanResults'].map((id) => titles.get(id)),
      ['Scan Image…', 'Scan Images in This File', 'Export Scan Report…', 'Clear Scan Results'],
    );
  });

  test('a code lens "Scan image" sits on the FROM line', async () => {
    const editor = await openFixture('scan.Dockerfile');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
    const scanLens = lenses.find((l) => l.command?.title === 'Scan image');
    assert.ok(scanLens, JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.strictEqual(scanLens.range.start.line, 0);
    assert.deepStrictEqual(scanLens.command?.arguments, [{ image: 'alpine:3.10', uri: editor.document.uri.toString() }]);
  });

  test('"Scan Images in This File" runs the scanner and puts the result on the FROM line, with the lint findings', async () => {
    const editor = await openFixture('scan.Dockerfile');
    const result = await vscode.commands.executeCommand<ScanResult>('seaworthy.scanImagesInFile');
    assert.deepStrictEqual(result?.failures, []);
    assert.deepStrictEqual(result?.scans.map((s) => [s.image, s.engine, s.vulnerabilities.map((v) => v.id)]), [['alpine:3.10', 'trivy', ['CVE-2021-36159']]]);
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === CODE), CODE);
    const summary = diagnostics.find((d) => codeOf(d) === CODE);
    assert.strictEqual(summary?.message, SUMMARY);
    assert.strictEqual(summary?.severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual([summary?.range.start.line, summary?.range.start.character, summary?.range.end.character], [0, 5, 16]);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
    assert.ok(lenses.some((l) => l.command?.title === '1 critical (Trivy)'), JSON.stringify(lenses.map((l) => l.command?.title)));
  });

  test('"Export Scan Report…" writes SARIF whose locations point at the FROM line', async () => {
    const editor = await openFixture('scan.Dockerfile');
    const target = vscode.Uri.file(path.join(path.dirname(editor.document.fileName), 'scan-report.sarif'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('seaworthy.exportScanReport', 'sarif', target);
    assert.strictEqual(written?.fsPath, target.fsPath);
    const sarif = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const result = sarif.runs[0]?.results[0];
    assert.strictEqual(result?.ruleId, 'CVE-2021-36159');
    assert.deepStrictEqual(
      result?.locations.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine, l.physicalLocation.region.startColumn]),
      [['scan.Dockerfile', 1, 6]],
    );
  });

  test('the code lens setting turns the lenses off', async () => {
    const editor = await openFixture('scan.Dockerfile');
    await settings().update('codeLens', false, vscode.ConfigurationTarget.Global);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
    assert.deepStrictEqual(lenses.map((l) => l.command?.title), []);
    await settings().update('codeLens', undefined, vscode.ConfigurationTarget.Global);
  });

  test('"Clear Scan Results" removes the result from the line', async () => {
    const editor = await openFixture('scan.Dockerfile');
    await vscode.commands.executeCommand('seaworthy.clearScanResults');
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => codeOf(x) === CODE), `no ${CODE}`);
  });
});

// The workbench as a user meets it: the examples/ workspace in code-server, driven through the
// keyboard, the Problems panel, the light bulb and the command palette.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { applyEdits, SeaworthyCli, type CliFinding } from '../seaworthyCli';
import { uiSession } from './uiSession';
import type { Workbench } from './workbench';
import { workbenchOnExamples } from './workbenchSuite';

const NODE_API = 'node-api/Dockerfile';
const GO_SERVICE = 'go-service/Dockerfile';
const PYTHON_APP = 'python-app/Dockerfile';

function positionLabel(f: CliFinding): string {
  return `[Ln ${f.range.start.line + 1}, Col ${f.range.start.character + 1}]`;
}

suite('workbench UI on the examples/ workspace', function () {
  let page: Page;
  let workbench: Workbench;
  let cli: SeaworthyCli;
  const read = (file: string): string => fs.readFileSync(path.join(uiSession().examplesDir, file), 'utf8');

  const ui = workbenchOnExamples();
  suiteSetup(() => {
    ({ page, workbench } = ui);
    cli = new SeaworthyCli(path.join(uiSession().extensionDir, 'dist', 'cli.js'));
  });

  test('opening a Dockerfile with Quick Open lists its Seaworthy findings in the Problems panel', async () => {
    const expected = cli.findings(path.join(uiSession().examplesDir, NODE_API));
    assert.ok(expected.length >= 3, `the example has findings: ${JSON.stringify(expected)}`);
    await workbench.quickOpen(NODE_API, 'Dockerfile', 'node-api');
    await workbench.openProblems('seaworthy');
    for (const finding of expected) await workbench.problemRowLocator(finding.message).waitFor();
    const rows = (await workbench.problems()).filter((r) => r.source === 'seaworthy');
    assert.deepStrictEqual(
      rows.map((r) => `${r.code} ${r.position} ${r.message}`).sort(),
      expected.map((f) => `${f.ruleId} ${positionLabel(f)} ${f.message}`).sort(),
    );
    // The status bar speaks of the active file: its kind and its count of findings.
    await workbench.waitForStatusBarItem(`Dockerfile: ${expected.length} findings`);
    await workbench.screenshot('problems-panel');
  });

  test('the light bulb (Ctrl+.) on "final image runs as root" offers the fix, and choosing it adds USER', async () => {
    const original = read(NODE_API);
    const finding = cli.findings(path.join(uiSession().examplesDir, NODE_API)).find((f) => f.ruleId === 'final-stage-runs-as-root');
    assert.ok(finding?.fix, 'the engine fixes final-stage-runs-as-root in the example');
    const expected = applyEdits(original, finding.fix.edits);
    const added = expected.split('\n').filter((line) => !original.split('\n').includes(line));
    assert.ok(added.some((line) => line.startsWith('USER ')), `the fix adds a USER line: ${JSON.stringify(added)}`);

    await workbench.goToProblem('final-stage-runs-as-root');
    const titles = await workbench.openQuickFixMenu(finding.fix.title);
    assert.ok(titles.includes(finding.fix.title), JSON.stringify(titles));
    await workbench.screenshot('quick-fix-menu');
    await workbench.chooseQuickFix(finding.fix.title);
    for (const line of added) await workbench.waitForEditorLine(line);
    await workbench.expectEditorToShowPartOf(expected);
    await workbench.problemRowLocator('final-stage-runs-as-root').waitFor({ state: 'detached' });
  });

  test('the light bulb on a full-size base image lists the swaps, and choosing -slim rewrites FROM', async () => {
    const finding = cli.findings(path.join(uiSession().examplesDir, PYTHON_APP)).find((f) => f.ruleId === 'full-size-base-image');
    assert.ok(finding, 'the example is on a full-size image');
    await workbench.quickOpen(PYTHON_APP, 'Dockerfile', 'python-app');
    // node-api has the same finding (node:latest): go to the Python one by its message.
    await workbench.openProblems(finding.message);
    await workbench.goToProblem('full-size-base-image', 'python:3.12 is a full-size');
    const titles = await workbench.openQuickFixMenu('python:3.12-slim');
    const swaps = titles.filter((t) => /^(?:python|gcr\.io|cgr\.dev)/.test(t)).map((t) => t.split(' — ')[0]);
    assert.deepStrictEqual(swaps.slice(0, 2), ['python:3.12-slim', 'python:3.12-alpine'], JSON.stringify(titles));
    await workbench.screenshot('swap-base-image');
    await workbench.chooseQuickFix('python:3.12-slim');
    await workbench.waitForEditorLine('FROM python:3.12-slim');
    await workbench.problemRowLocator('python:3.12 is a full-size').waitFor({ state: 'detached' });
  });

  test('"Seaworthy: Fix All in File" from the command palette applies every fix', async () => {
    const original = read(GO_SERVICE);
    const expected = cli.fixedText('Dockerfile', original);
    assert.notStrictEqual(expected, original, 'the engine fixes something in the example');
    const added = expected.split('\n').filter((line) => !original.split('\n').includes(line));
    await workbench.quickOpen(GO_SERVICE, 'Dockerfile', 'go-service');
    await workbench.problemRowLocator('final-stage-runs-as-root').waitFor();
    await workbench.runCommand('Seaworthy: Fix All in File');
    for (const line of added) await workbench.waitForEditorLine(line);
    await workbench.expectEditorToShowPartOf(expected);
  });

  test('"Seaworthy: Show Rule Documentation" at a finding opens that rule\'s page', async () => {
    await workbench.quickOpen(NODE_API, 'Dockerfile', 'node-api');
    await workbench.openProblems('base-image-latest-tag');
    await workbench.goToProblem('base-image-latest-tag');
    // node:latest is also a full-size image: with two rules at the cursor the command asks which.
    await workbench.runCommand('Seaworthy: Show Rule Documentation', { thenPick: 'base-image-latest-tag' });
    await workbench.waitForTab(/base-image-latest-tag/);
    await workbench.waitForWebviewText('h1', 'base-image-latest-tag');
  });

  test('"Seaworthy: Show Output" opens the Seaworthy output channel', async () => {
    await workbench.runCommand('Seaworthy: Show Output');
    await workbench.waitForOutputChannel('Seaworthy');
  });

  test('"Seaworthy: Scan Image…" scans a typed reference with the trivy on PATH and shows it in the Seaworthy view', async () => {
    // The harness puts a stand-in trivy on PATH that replays the recorded Trivy 0.72.0 report of alpine:3.10.
    await workbench.quickOpen(NODE_API, 'Dockerfile', 'node-api');
    await workbench.answerQuickPick('Seaworthy: Scan Image…', 'Seaworthy: Scan Image', 'alpine:3.10', 'scan this reference');
    await workbench.waitForSideBarRow(/alpine:3\.10.*1 critical · Trivy/);
    await workbench.waitForSideBarRow('Critical (1)');
    await workbench.waitForSideBarRow(/apk-tools.*2\.10\.6-r0 → 2\.10\.7-r0 · CVE-2021-36159/);
    await workbench.waitForStatusBarItem('1 critical');
  });

  test('"Seaworthy: Scan Images in This File" puts the result on the FROM line, in the Problems panel and in the view', async () => {
    // A Dockerfile on alpine:3.10 in the temporary copy of examples/ (the repository's examples stay as they are).
    // FROM is not the first line: a code lens that arrives later above line 1 can be scrolled out of view.
    const dir = path.join(uiSession().examplesDir, 'scan-demo');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile'), '# syntax=docker/dockerfile:1\nFROM alpine:3.10\nRUN apk add --no-cache curl\nUSER 10001\nCMD ["sh"]\n');
    await workbench.quickOpen('scan-demo/Dockerfile', 'Dockerfile', 'scan-demo');
    await workbench.runCommand('Seaworthy: Scan Images in This File');
    await workbench.openProblems('alpine:3.10: 1 critical (Trivy scan)');
    const row = (await workbench.problems()).find((r) => r.code === 'image-vulnerabilities');
    assert.deepStrictEqual([row?.source, row?.position], ['seaworthy', '[Ln 2, Col 6]']);
    await workbench.waitForSideBarRow(/apk-tools.*CVE-2021-36159/);
    // The lens with the counts is checked in the extension host (scan.test.ts, through VS Code's own
    // code lens command). In this workbench the lens of a file created during the session rendered in
    // 1 run of 6: a logged run showed the provider asked once on open and answered with the FROM
    // mention, then the workbench neither drew the lens nor asked again after onDidChangeCodeLenses
    // fired at the scan's end (it did re-ask for the other editors). Under investigation.
    await workbench.screenshot('scan-view');
  });
});

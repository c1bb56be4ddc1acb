// The editor surfaces of issue 13 as a user meets them in the workbench: the status bar, a broken
// .seaworthy.yaml that is not open, the rule page from the Problems panel's link, Check Workspace
// (and "Ignore" on its cross-file NetworkPolicy finding).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { selectors } from './selectors';
import type { Workbench } from './workbench';
import { workbenchOnExamples } from './workbenchSuite';

suite('workbench UI: status, config errors, rule pages, Check Workspace', function () {
  // A copy of examples/ of its own: a fresh workspace, whose workbench state (open editors, the
  // side bar's view) the examples suite did not leave behind.
  let folder = '';
  const ui = workbenchOnExamples(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-editor-ui-'));
    // From the repository (out/e2e/ui → examples/): the examples suite has edited its copy.
    fs.cpSync(path.resolve(__dirname, '..', '..', '..', 'examples'), folder, { recursive: true });
    return folder;
  });
  suiteTeardown(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });
  let page: Page;
  let workbench: Workbench;
  const examples = (file: string): string => path.join(folder, file);
  suiteSetup(() => {
    ({ page, workbench } = ui);
  });

  test('the status bar says a Compose file is not checked', async () => {
    await workbench.quickOpen('compose/docker-compose.yml', 'docker-compose.yml', 'compose');
    await workbench.waitForStatusBarItem('Compose: not checked');
    await workbench.screenshot('status-compose');
  });

  test('the status bar counts a Dockerfile\'s findings, says the policy in its accessibility label, and says "off" when turned off', async () => {
    await workbench.quickOpen('node-api/Dockerfile', 'Dockerfile', 'node-api');
    await workbench.waitForStatusBarItem(/Dockerfile: \d+ findings/);
    const statusButton = (name: string | RegExp) => page.locator(selectors.statusBar).getByRole('button', { name }).first();
    await statusButton(/^Seaworthy checks this Dockerfile file: \d+ findings \(\d+ warnings?, \d+ info\)\. Policy: the defaults \(no \.seaworthy\.yaml applies\)\.$/).waitFor();
    const settings = examples('.vscode/settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ 'seaworthy.enable': false }));
    try {
      await workbench.waitForStatusBarItem('Seaworthy: off');
      await statusButton('Seaworthy is turned off (seaworthy.enable)').waitFor();
      await workbench.screenshot('status-off');
    } finally {
      fs.writeFileSync(settings, '{}');
    }
    await workbench.waitForStatusBarItem(/Dockerfile: \d+ findings/);
    fs.rmSync(path.dirname(settings), { recursive: true, force: true });
  });

  test('the rule link in the Problems panel opens the rendered rule page', async () => {
    await workbench.quickOpen('node-api/Dockerfile', 'Dockerfile', 'node-api');
    await workbench.openProblems('base-image-latest-tag');
    const row = page.locator(selectors.problemRow).filter({ has: page.locator(selectors.problemCode, { hasText: 'base-image-latest-tag' }) }).first();
    // The code is a link inside `.marker-code` (its element differs between VS Code builds): click its text.
    await row.locator(selectors.problemCode).getByText('base-image-latest-tag', { exact: true }).first().click();
    await workbench.waitForTab(/base-image-latest-tag/);
    await workbench.waitForWebviewText('h1', 'base-image-latest-tag');
    await workbench.screenshot('editor-rule-page');
  });

  test('Check Workspace fills the Problems panel for files never opened', async () => {
    await workbench.runCommand('Seaworthy: Check Workspace');
    // k8s/deployment.yaml was never opened; its findings come first in the panel.
    await workbench.openProblems('deployment.yaml');
    await workbench.problemRowLocator(/Container "web" of Deployment "web" runs privileged/).waitFor();
    await workbench.screenshot('workspace-check');
  });

  test('"Ignore … here" on the workspace NetworkPolicy finding silences it in the opened manifest', async () => {
    const rule = 'namespace-without-network-policy';
    const shop = /Namespace "shop" has no NetworkPolicy/;
    // Check Workspace (the case above) put it on the first workload of "shop", a file never opened.
    await workbench.filterProblems('has no NetworkPolicy');
    await workbench.problemRowLocator(shop).waitFor();
    await workbench.goToProblem(rule, shop);
    const titles = await workbench.openQuickFixMenu(`Ignore ${rule} here`);
    assert.ok(titles.includes(`Ignore ${rule} in this file`), titles.join(' | '));
    await workbench.screenshot('network-policy-ignore-menu');
    await workbench.chooseQuickFix(`Ignore ${rule} here`);
    await workbench.waitForEditorLine(`# seaworthy-ignore ${rule}`);
    await workbench.problemRowLocator(shop).waitFor({ state: 'detached' });
    // Only that namespace: "monitoring" is still reported.
    await workbench.problemRowLocator(/Namespace "monitoring" has no NetworkPolicy/).waitFor();
    await workbench.screenshot('network-policy-ignored');
    await page.keyboard.press('Control+S');
    await workbench.filterProblems('');
  });

  test('a broken .seaworthy.yaml that is not open is in the Problems panel, and the status bar warns', async () => {
    const config = examples('node-api/.seaworthy.yaml');
    fs.writeFileSync(config, 'rules:\n  base-image-latest-tag: errror\n');
    try {
      await workbench.quickOpen('node-api/Dockerfile', 'Dockerfile', 'node-api');
      await workbench.waitForStatusBarItem('.seaworthy.yaml has 1 problem');
      // Check Workspace has filled the panel by now: filter it down to the rows this case is about.
      await workbench.filterProblems('must be one of');
      await workbench.problemRowLocator('severity for base-image-latest-tag must be one of').waitFor();
      await workbench.filterProblems('so the defaults stand in');
      await workbench.problemRowLocator(/has 1 problem, so the defaults stand in/).waitFor();
      await workbench.screenshot('config-closed');
      await workbench.filterProblems('');
      fs.writeFileSync(config, 'rules:\n  base-image-latest-tag: error\n');
      await workbench.waitForStatusBarItem(/Dockerfile: \d+ findings/);
    } finally {
      fs.rmSync(config, { force: true });
    }
  });

  test('the walkthrough opens from the Welcome page\'s command', async () => {
    await workbench.runCommand('Welcome: Open Walkthrough', { thenPick: 'Get started with Seaworthy' });
    await page.locator(selectors.walkthroughStep).filter({ hasText: 'Open a Dockerfile' }).first().waitFor();
    await page.locator(selectors.walkthroughStep).filter({ hasText: 'Set team policy in .seaworthy.yaml' }).first().waitFor();
    await workbench.screenshot('editor-walkthrough');
  });

  test('the Extensions page shows the icon and the user README', async () => {
    // The rule page of an earlier case is a webview too: one webview on screen, the README's.
    await workbench.runCommand('View: Close All Editors');
    await workbench.runCommand('Extensions: Show Installed Extensions');
    await page.locator(selectors.sideBarTreeRow).filter({ hasText: 'Seaworthy' }).first().click();
    await workbench.waitForTab(/Seaworthy/);
    await workbench.waitForWebviewText('h2', 'Team policy');
    // The icon (media/icon.png in the VSIX) is drawn.
    const icon = page.locator(selectors.extensionEditorIcon).first();
    await icon.waitFor();
    await page.waitForFunction((element) => element instanceof HTMLImageElement && element.complete && element.naturalWidth > 0, await icon.elementHandle());
    // VS Code keeps only https: image sources on this page (CONTRIBUTING.md, "The Extensions
    // page"): the README describes in words what screenshots would show, so nothing shows broken.
    await workbench.waitForWebviewText('pre', 'final-stage-runs-as-root');
    assert.deepEqual(await workbench.webviewImages(), []);
    await workbench.screenshot('extensions-page');
  });

  test('.seaworthy.yaml completes rule ids from Seaworthy\'s own server', async () => {
    fs.mkdirSync(examples('policy'), { recursive: true });
    fs.writeFileSync(examples('policy/.seaworthy.yaml'), '# Team policy\nrules:\n  base-image-l');
    await workbench.quickOpen('policy/.seaworthy.yaml', '.seaworthy.yaml', 'policy');
    await page.keyboard.press('Control+End');
    const labels = await workbench.openCompletions('base-image-latest-tag');
    assert.ok(labels.some((label) => label.includes('base-image-latest-tag')), labels.join('\n'));
    await workbench.screenshot('config-completion');
    await page.keyboard.press('Enter');
    await workbench.waitForEditorLine(/^\s*base-image-latest-tag:/);
  });

  test('"Fix All in File" with nothing to fix says so', async () => {
    fs.mkdirSync(examples('clean'), { recursive: true });
    fs.writeFileSync(examples('clean/Dockerfile'), 'FROM alpine:3.22\nUSER 10001\n');
    await workbench.quickOpen('clean/Dockerfile', 'Dockerfile', 'clean');
    await workbench.waitForStatusBarItem('Dockerfile: no findings');
    await workbench.runCommand('Seaworthy: Fix All in File');
    await workbench.waitForNotification('nothing to fix in clean/Dockerfile', selectors.notificationInfoIcon);
    await workbench.screenshot('editor-nothing-to-fix');
  });

  test('a failed "Pin with --checksum" shows an error the user sees, and changes nothing', async () => {
    // Nothing listens on 127.0.0.1:9 (discard): the download fails at once, network or not.
    const text = 'FROM alpine:3.22\nADD http://127.0.0.1:9/tool /usr/local/bin/tool\nUSER 10001\n';
    fs.mkdirSync(examples('pin'), { recursive: true });
    fs.writeFileSync(examples('pin/Dockerfile'), text);
    await workbench.quickOpen('pin/Dockerfile', 'Dockerfile', 'pin');
    await page.keyboard.press('Escape'); // the notification center an earlier case opened
    // The panel is full of Check Workspace's rows by now: filter it down to this file's.
    await workbench.filterProblems('127.0.0.1:9');
    await workbench.problemRowLocator('add-url-without-checksum').waitFor();
    await workbench.goToProblem('add-url-without-checksum', 'http://127.0.0.1:9/tool');
    await workbench.openQuickFixMenu('Pin with --checksum');
    await workbench.chooseQuickFix('Pin with --checksum');
    await workbench.waitForNotification(/could not pin http:\/\/127\.0\.0\.1:9\/tool: .*The Dockerfile was not changed/, selectors.notificationErrorIcon);
    await workbench.screenshot('editor-pin-failed');
    await workbench.filterProblems('');
    await workbench.quickOpen('pin/Dockerfile', 'Dockerfile', 'pin');
    await workbench.expectEditorToShowPartOf(text);
  });
});

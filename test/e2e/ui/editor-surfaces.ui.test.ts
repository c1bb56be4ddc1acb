// The editor surfaces of issue 13 as a user meets them in the workbench: the status bar, a broken
// .seaworthy.yaml that is not open, the rule page from the Problems panel's link, Check Workspace.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { selectors } from './selectors';
import { uiSession } from './uiSession';
import type { Workbench } from './workbench';
import { workbenchOnExamples } from './workbenchSuite';

suite('workbench UI: status, config errors, rule pages, Check Workspace', function () {
  const ui = workbenchOnExamples();
  let page: Page;
  let workbench: Workbench;
  const examples = (file: string): string => path.join(uiSession().examplesDir, file);
  suiteSetup(() => {
    ({ page, workbench } = ui);
  });

  test('the status bar says a Compose file is not checked', async () => {
    await workbench.quickOpen('compose/docker-compose.yml', 'docker-compose.yml', 'compose');
    await workbench.waitForStatusBarItem('Compose: not checked');
    await workbench.screenshot('status-compose');
  });

  test('Check Workspace fills the Problems panel for files never opened', async () => {
    await workbench.runCommand('Seaworthy: Check Workspace');
    await workbench.openProblems('cronjob.yaml');
    await workbench.problemRowLocator(/Init container "wait-for-db" of CronJob "db-backup"/).waitFor();
    await workbench.screenshot('workspace-check');
  });

  test('a broken .seaworthy.yaml that is not open is in the Problems panel, and the status bar warns', async () => {
    const config = examples('node-api/.seaworthy.yaml');
    fs.writeFileSync(config, 'rules:\n  base-image-latest-tag: errror\n');
    try {
      await workbench.quickOpen('node-api/Dockerfile', 'Dockerfile', 'node-api');
      await workbench.openProblems('severity for base-image-latest-tag must be one of');
      await workbench.waitForStatusBarItem('.seaworthy.yaml has 1 problem');
      await workbench.problemRowLocator(/has 1 problem, so the defaults stand in/).waitFor();
      await workbench.screenshot('config-closed');
      fs.writeFileSync(config, 'rules:\n  base-image-latest-tag: error\n');
      await workbench.waitForStatusBarItem(/Dockerfile: \d+ findings/);
    } finally {
      fs.rmSync(config, { force: true });
    }
  });

  test('the rule link in the Problems panel opens the rendered rule page', async () => {
    await workbench.quickOpen('node-api/Dockerfile', 'Dockerfile', 'node-api');
    await workbench.openProblems('base-image-latest-tag');
    const row = page.locator(selectors.problemRow).filter({ has: page.locator(selectors.problemCode, { hasText: 'base-image-latest-tag' }) }).first();
    await row.locator(selectors.problemCodeLink).first().click();
    await workbench.waitForTab(/base-image-latest-tag/);
    await workbench.waitForWebviewText('h1', 'base-image-latest-tag');
    await workbench.screenshot('editor-rule-page');
  });
});

// The built-in scanner in the workbench: "Scan Images in This File" on a Dockerfile whose image is
// in Debian's docker-registry on 127.0.0.1 (started and stopped by the registry harness of the
// node tests), with seaworthy.scan.engine set to builtin in the workspace; the results in the
// Seaworthy view and the Problems panel.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Workbench } from './workbench';
import { workbenchOnExamples } from './workbenchSuite';

/** The node tests' support code, compiled by `npm run build` (out/e2e/ui → out/test/support). */
const SUPPORT = path.resolve(__dirname, '..', '..', 'test', 'support');
/* eslint-disable @typescript-eslint/no-require-imports */
const harness = require(path.join(SUPPORT, 'registryHarness.js')) as {
  registrySkipReason(): string | null;
  Registry: { start(): Promise<{ host: string; push(repository: string, tag: string, image: unknown): Promise<void>; stop(): Promise<void> }> };
};
const images = require(path.join(SUPPORT, 'testImages.js')) as {
  buildImage(image: unknown): Promise<unknown>;
  insecureImage(key: string): unknown;
  privateKeyPem(): string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

suite('workbench UI: the built-in scanner against a local registry', function () {
  const skip = harness.registrySkipReason();
  let registry: Awaited<ReturnType<typeof harness.Registry.start>> | undefined;
  let folder = '';
  let image = '';
  suiteSetup(async function () {
    if (skip) this.skip();
    registry = await harness.Registry.start();
    await registry.push('app', '1.0', await images.buildImage(images.insecureImage(images.privateKeyPem())));
    image = `${registry.host}/app:1.0`;
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-builtin-ui-'));
    fs.mkdirSync(path.join(folder, '.vscode'));
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'seaworthy.scan.engine': 'builtin' }, null, 2));
    fs.writeFileSync(path.join(folder, 'Dockerfile'), `# syntax=docker/dockerfile:1\nFROM ${image}\nUSER 10001\nCMD ["/app/server"]\n`);
  });
  const ui = workbenchOnExamples(() => folder);
  suiteTeardown(async () => {
    await registry?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });
  let workbench: Workbench;
  suiteSetup(() => {
    ({ workbench } = ui);
  });

  test('"Scan Images in This File" scans the pushed image with the built-in engine: findings in the view and on the FROM line', async function () {
    // ~10 s on a quiet machine; at load average 20 every step passed and the whole ran past 90 s.
    this.timeout(180_000);
    await workbench.quickOpen('Dockerfile', 'Dockerfile');
    await workbench.runCommand('Seaworthy: Scan Images in This File');
    // The image row: no OSV database is configured, so vulnerabilities are not checked (never "none").
    await workbench.waitForSideBarRow(/app:1\.0.*vulnerabilities not checked · Seaworthy/);
    await workbench.waitForSideBarRow('High (6)');
    await workbench.waitForSideBarRow(/image-runs-as-root/);
    await workbench.waitForSideBarRow(/image-private-key.*\/app\/deploy_key holds a private key in layer 2/);
    await workbench.openProblems(`${image}: vulnerabilities not checked (Seaworthy scan)`);
    await workbench.waitForStatusBarItem('vulnerabilities not checked');
    await workbench.screenshot('builtin-scan-view');
  });
});

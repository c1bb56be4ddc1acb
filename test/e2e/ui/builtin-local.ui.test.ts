// The built-in scanner's two workbench paths that need more than a registry: "Seaworthy: Download
// Vulnerability Database" from osv.dev-style exports served on 127.0.0.1 (SEAWORTHY_OSV_URL), and
// "Seaworthy: Scan Image…" offering a real local engine's images (Debian's podman, a store of the
// test's own) as docker-daemon:NAME:TAG. Both need an environment the shared code-server must not
// have, so this suite runs on a code-server of its own.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { selectors } from './selectors';
import { uiSession, type OwnCodeServer } from './uiSession';
import type { Workbench } from './workbench';
import { workbenchOnExamples } from './workbenchSuite';

/** The node tests' support code, compiled by `npm run build` (out/e2e/ui → out/test/support). */
const SUPPORT = path.resolve(__dirname, '..', '..', 'test', 'support');
/* eslint-disable @typescript-eslint/no-require-imports */
const osv = require(path.join(SUPPORT, 'osvExportServer.js')) as {
  OsvExportServer: { start(): Promise<{ url: string; modes: Map<string, string>; stalledOnce(): Promise<void>; resume(): void; stop(): Promise<void> }> };
  folderSnapshot(dir: string): Record<string, string>;
};
const podman = require(path.join(SUPPORT, 'podmanHarness.js')) as {
  podmanSkipReason(): string | null;
  PodmanStore: new () => { env: Record<string, string>; load(archive: string): void; dispose(): void };
};
const images = require(path.join(SUPPORT, 'testImages.js')) as {
  buildImage(image: unknown): Promise<unknown>;
  insecureImage(key: string): unknown;
  privateKeyPem(): string;
  writeOciLayout(dir: string, tags: Record<string, unknown>): void;
  writeDockerArchive(file: string, image: unknown, repoTag: string): Promise<void>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Where the extension keeps the downloaded database: its global storage below a user data folder, named by the lower-cased extension id. */
function osvStorage(userDataDir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(uiSession().extensionDir, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return path.join(userDataDir, 'User', 'globalStorage', `${manifest.publisher}.${manifest.name}`.toLowerCase(), 'osv');
}

const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

suite('workbench UI: the built-in engine with a downloaded vulnerability database and a local podman image', function () {
  // The cases take 5–15 s on a quiet machine; the deadline is for a machine at load average 20, and
  // the setup may apt-get install podman.
  this.timeout(180_000);
  let podmanSkip: string | null = null;
  let exportsServer: Awaited<ReturnType<typeof osv.OsvExportServer.start>> | undefined;
  let store: InstanceType<typeof podman.PodmanStore> | undefined;
  let server: OwnCodeServer | undefined;
  let root = '';
  let folder = '';
  let layout = '';
  suiteSetup(async function () {
    // Installs podman (apt-get, as root) when it is missing; under SEAWORTHY_E2E_REQUIRED=1 a skip
    // throws here, which fails this hook and so every case of the suite.
    podmanSkip = podman.podmanSkipReason();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-builtin-local-ui-'));
    folder = path.join(root, 'workspace');
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'seaworthy.scan.engine': 'builtin' }, null, 2));
    // Root-run, Debian 12, a dpkg status with bash 5.2.15-2+b2 and libssl3 3.0.11-1~deb12u2: two of the OSV records cover them.
    const image = await images.buildImage(images.insecureImage(images.privateKeyPem()));
    layout = path.join(root, 'layout');
    images.writeOciLayout(layout, { '1.0': image });
    if (!podmanSkip) {
      store = new podman.PodmanStore();
      const archive = path.join(root, 'app.tar');
      await images.writeDockerArchive(archive, image, 'app:1.0');
      store.load(archive);
    }
    exportsServer = await osv.OsvExportServer.start();
    server = await uiSession().startCodeServer({ SEAWORTHY_OSV_URL: exportsServer.url, ...(store?.env ?? {}) });
  });
  const ui = workbenchOnExamples(
    () => folder,
    () => server!,
  );
  suiteTeardown(async () => {
    await server?.stop();
    await exportsServer?.stop();
    store?.dispose();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });
  let workbench: Workbench;
  suiteSetup(() => {
    ({ workbench } = ui);
  });

  test('"Download Vulnerability Database" shows its progress, then how many records of which ecosystems it put where', async () => {
    const storage = osvStorage(server!.userDataDir);
    // The last export stalls half-way, so the progress notification is on screen until the test lets it finish.
    exportsServer!.modes.set('Go', 'hang');
    const stalled = exportsServer!.stalledOnce();
    await workbench.runCommand('Seaworthy: Download Vulnerability Database');
    await stalled;
    await workbench.waitForNotification(/Seaworthy: downloading the vulnerability database.*Go \(5 of 5\): 0\.0 MB of 0\.0 MB/);
    await workbench.screenshot('osv-download-progress');
    exportsServer!.resume();
    await workbench.waitForNotification(
      new RegExp(`Seaworthy: 8 vulnerability records \\(Debian, Alpine, npm, PyPI, Go\\) downloaded into ${literally(storage)}\\. Built-in scans use it from now on\\.`),
      selectors.notificationInfoIcon,
    );
    await workbench.screenshot('osv-download-done');
    assert.deepStrictEqual(fs.readdirSync(storage).sort(), ['Alpine.zip', 'Debian.zip', 'Go.zip', 'PyPI.zip', 'npm.zip']);
  });

  test('a built-in scan after the download reports the CVEs the downloaded records give for the image\'s packages', async () => {
    const reference = `oci:${layout}:1.0`;
    await workbench.answerQuickPick('Seaworthy: Scan Image…', 'Seaworthy: Scan Image', reference, 'scan this reference');
    await workbench.waitForSideBarRow(new RegExp(`${literally(reference)}.*1 medium, 1 low · Seaworthy`));
    await workbench.expandSideBarRow('Medium (4)');
    await workbench.waitForSideBarRow(/libssl3.*3\.0\.11-1~deb12u2 → 3\.0\.13-1~deb12u1 · DEBIAN-CVE-2024-0727/);
    await workbench.expandSideBarRow('Low (3)');
    await workbench.waitForSideBarRow(/bash.*5\.2\.15-2\+b2 → no fix · DEBIAN-CVE-2022-3715/);
    await workbench.screenshot('osv-download-scan');
  });

  test('a download the server answers with 500 says so and leaves the database as it was, with no partial file', async () => {
    const storage = osvStorage(server!.userDataDir);
    const before = osv.folderSnapshot(storage);
    exportsServer!.modes.set('Alpine', '500');
    try {
      await workbench.runCommand('Seaworthy: Download Vulnerability Database');
      await workbench.waitForNotification(
        new RegExp(`Seaworthy: downloading the vulnerability database failed: ${literally(exportsServer!.url)}Alpine/all\\.zip answered 500; the previous database is kept`),
        selectors.notificationErrorIcon,
      );
    } finally {
      exportsServer!.modes.delete('Alpine');
    }
    await workbench.screenshot('osv-download-failed');
    assert.deepStrictEqual(osv.folderSnapshot(storage), before);
  });

  test('"Scan Image…" offers the podman image as docker-daemon:NAME:TAG, and scans it through `podman image save`', async function () {
    if (podmanSkip) {
      console.log(`      skipped: podman ${podmanSkip}`);
      this.skip();
    }
    await workbench.runCommand('Seaworthy: Clear Scan Results');
    await workbench.openCommandPick('Seaworthy: Scan Image…', 'Seaworthy: Scan Image');
    const item = /docker-daemon:localhost\/app:1\.0.*local image/;
    await workbench.waitForQuickInputRow(item);
    await workbench.screenshot('scan-image-local-pick');
    await workbench.pickQuickInputRow(item);
    await workbench.waitForSideBarRow(/docker-daemon:localhost\/app:1\.0.*1 medium, 1 low · Seaworthy/);
    await workbench.waitForSideBarRow('High (6)');
    await workbench.waitForSideBarRow(/image-runs-as-root/);
    await workbench.waitForSideBarRow(/image-private-key.*\/app\/deploy_key holds a private key in layer 2/);
    await workbench.expandSideBarRow('Medium (4)');
    await workbench.waitForSideBarRow(/image-setuid-file.*\/usr\/bin\/passwd is setuid/);
    await workbench.waitForSideBarRow(/libssl3.*DEBIAN-CVE-2024-0727/);
    await workbench.screenshot('scan-image-local-view');
  });
});

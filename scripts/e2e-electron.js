// `npm run test:electron`: the extension-host suite (test/e2e/suite) in VS Code desktop through
// @vscode/test-electron, on a machine that can download VS Code (not the CI machines of this repo:
// they run the same suite in code-server with `npm run test:e2e`). On a Linux box without a
// display, run it under `xvfb-run -a npm run test:electron`.
//
// As in code-server, the VSIX is installed into a temporary extensions folder with VS Code's own
// CLI, and that installed folder is the extensionDevelopmentPath: the tests exercise exactly what
// users install. VS Code is cached in .cache/e2e/vscode-test; SEAWORTHY_VSCODE_VERSION picks a
// version (default: stable). Ends with `N passed, N failed`.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { root, outDir, compileTests, packageVsix, EXTENSION_HOST_SESSIONS } = require('./e2e-build');
const { USER_SETTINGS } = require('./e2e-codeserver');

async function main() {
  const { downloadAndUnzipVSCode, resolveCliPathFromVSCodeExecutablePath, runTests } = require('@vscode/test-electron');
  compileTests();
  const vsix = packageVsix();
  const vscodeExecutablePath = await downloadAndUnzipVSCode({
    version: process.env.SEAWORTHY_VSCODE_VERSION || 'stable',
    cachePath: path.join(root, '.cache', 'e2e', 'vscode-test'),
  });

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-e2e-electron-'));
  const extensionsDir = path.join(temp, 'extensions');
  const userDataDir = path.join(temp, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const profile = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];

  let passed = 0;
  let failed = 0;
  try {
    const cli = resolveCliPathFromVSCodeExecutablePath(vscodeExecutablePath);
    const install = spawnSync(cli, [...profile, '--install-extension', vsix, '--force'], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (install.status !== 0) throw new Error(`${cli} --install-extension ${vsix} failed (${install.status})`);
    const installed = fs.readdirSync(extensionsDir).find((name) => name.startsWith('seaworthy.seaworthy-'));
    if (!installed) throw new Error(`the VSIX did not install into ${extensionsDir}`);

    for (const [i, session] of EXTENSION_HOST_SESSIONS.entries()) {
      console.log(`\n--- ${session.name}`);
      const workspace = path.join(temp, `workspace-${i}`);
      fs.cpSync(path.join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
      const resultsFile = path.join(temp, `results-${i}.jsonl`);
      let exitCode;
      try {
        exitCode = await runTests({
          vscodeExecutablePath,
          extensionDevelopmentPath: path.join(extensionsDir, installed),
          extensionTestsPath: path.join(outDir, session.entry),
          extensionTestsEnv: { SEAWORTHY_E2E_RESULTS: resultsFile },
          launchArgs: [workspace, ...profile, '--disable-gpu'],
        });
      } catch (error) {
        exitCode = error.code ?? 1;
      }
      const outcomes = fs.existsSync(resultsFile)
        ? fs.readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
        : [];
      const failedHere = outcomes.filter((o) => o.state !== 'passed').length;
      passed += outcomes.length - failedHere;
      failed += failedHere;
      if ((exitCode !== 0 && failedHere === 0) || outcomes.length === 0) {
        console.log(`  ✗ ${session.name}: VS Code exited with ${exitCode} after ${outcomes.length} test(s)`);
        failed++;
      }
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`test:electron: ${error?.stack ?? error}`);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);

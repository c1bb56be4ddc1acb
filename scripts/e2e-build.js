// What both end-to-end runners build first: the test sources (tsc -b test/e2e → out/e2e) and the
// VSIX under test (`npm run package` → seaworthy.vsix, or SEAWORTHY_E2E_VSIX when set).
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const outDir = path.join(root, 'out', 'e2e');

function runOrThrow(command, args, title) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status ?? result.signal})`);
}

function compileTests() {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  runOrThrow(process.execPath, [tsc, '-b', path.join(root, 'test', 'e2e')], 'tsc -b test/e2e');
}

/** @returns {string} the VSIX to test */
function packageVsix() {
  if (process.env.SEAWORTHY_E2E_VSIX) return path.resolve(process.env.SEAWORTHY_E2E_VSIX);
  runOrThrow(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package'], 'npm run package');
  return path.join(root, 'seaworthy.vsix');
}

/** The extension-host sessions: each is a fresh window, so each can test activation. */
const EXTENSION_HOST_SESSIONS = [
  { name: 'extension host (Dockerfile opened first)', entry: 'suite/index.js' },
  { name: 'extension host (manifest opened first)', entry: 'suite/manifestFirst.js' },
  { name: 'extension host (server killed until the client gives up)', entry: 'suite/serverRestart.js' },
];

module.exports = { root, outDir, compileTests, packageVsix, EXTENSION_HOST_SESSIONS };

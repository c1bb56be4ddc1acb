// Installs the locked dependencies when node_modules is missing or older than package-lock.json,
// so every npm script works from a fresh clone with only Node installed.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const lock = path.join(root, 'package-lock.json');
const stamp = path.join(root, 'node_modules', '.seaworthy-installed');

function upToDate() {
  try {
    return fs.statSync(stamp).mtimeMs >= fs.statSync(lock).mtimeMs;
  } catch {
    return false;
  }
}

if (!upToDate()) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  console.log('seaworthy: installing dependencies (npm ci)…');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, new Date().toISOString());
}

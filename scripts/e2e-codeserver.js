// Starts and stops the real VS Code the end-to-end stage drives: code-server (web workbench and a
// real Node extension host) on its own Node 24, bound to a free port on 127.0.0.1, with every
// folder it writes to (user data, extensions, HOME, XDG_*) inside one temporary directory; and
// Debian's Chromium, driven by playwright-core. Every process started here is stopped by `stop()`.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');
const { environmentWithoutNpm } = require('./e2e-setup');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** User settings that keep the workbench quiet and deterministic. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    request.on('error', reject);
    request.setTimeout(5000, () => request.destroy(new Error('timeout')));
  });
}

/** Resolves when `/healthz` answers, rejects when the process exits first or the deadline passes. */
function waitForHealth(url, child, deadlineMs) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + deadlineMs;
    let done = false;
    const onExit = (code, signal) => finish(new Error(`code-server exited (${code ?? signal}) before it was ready`));
    const finish = (error) => {
      if (done) return;
      done = true;
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    child.once('exit', onExit);
    // Polls an HTTP endpoint: the server offers no readiness event across processes.
    const attempt = () => {
      if (done) return;
      get(url).then(
        (response) => (response.status === 200 ? finish() : retry()),
        () => retry(),
      );
    };
    const retry = () => {
      if (Date.now() > deadline) finish(new Error(`code-server did not answer ${url} within ${deadlineMs} ms`));
      else setTimeout(attempt, 100);
    };
    attempt();
  });
}

/** HOME and XDG_* inside `home`, so nothing the browser or code-server writes lands in the real HOME. */
function isolatedEnv(home, extra = {}) {
  return {
    ...environmentWithoutNpm(),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    ...extra,
  };
}

class CodeServer {
  /**
   * @param {{node24: string, codeServerEntry: string}} tools from e2e-setup
   * @param {string} tempDir an empty temporary directory this instance owns
   */
  constructor(tools, tempDir) {
    this.tools = tools;
    this.tempDir = tempDir;
    this.userDataDir = path.join(tempDir, 'user-data');
    this.extensionsDir = path.join(tempDir, 'extensions');
    this.home = path.join(tempDir, 'home');
    this.tmp = path.join(tempDir, 'tmp');
    this.logFile = path.join(tempDir, 'code-server.log');
    this.child = undefined;
    this.port = undefined;
    for (const dir of [this.userDataDir, this.extensionsDir, this.home, this.tmp]) fs.mkdirSync(dir, { recursive: true });
    fs.mkdirSync(path.join(this.userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(this.userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  }

  /** Environment for code-server and everything it starts: nothing may write to the real HOME. */
  env(extra = {}) {
    return isolatedEnv(this.home, {
      PATH: `${path.dirname(this.tools.node24)}${path.delimiter}${process.env.PATH}`,
      // VS Code's server puts its IPC sockets and the TypeScript server's files in the temp dir.
      TMPDIR: this.tmp,
      ...extra,
    });
  }

  commonArgs() {
    return ['--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir];
  }

  /** Installs a VSIX the way a user does; returns the folder it was unpacked into. */
  installExtension(vsix) {
    const result = spawnSync(
      this.tools.node24,
      [this.tools.codeServerEntry, ...this.commonArgs(), '--install-extension', vsix, '--force'],
      { env: this.env(), encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new Error(`code-server --install-extension ${vsix} failed (${result.status}):\n${result.stdout}${result.stderr}`);
    }
    const manifest = readVsixManifest(this.extensionsDir);
    if (!manifest) throw new Error(`no extension folder appeared in ${this.extensionsDir}:\n${result.stdout}`);
    return manifest;
  }

  async start(extraEnv = {}) {
    this.port = await freePort();
    const log = fs.openSync(this.logFile, 'a');
    this.child = spawn(
      this.tools.node24,
      [
        this.tools.codeServerEntry,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${this.port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        ...this.commonArgs(),
        // Lets a page hand the workbench an extensionDevelopmentPath/extensionTestsPath payload.
        '--vscode-option', 'enable-smoke-test-driver',
      ],
      { env: this.env(extraEnv), stdio: ['ignore', log, log], detached: true },
    );
    fs.closeSync(log);
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    await waitForHealth(this.url('/healthz'), this.child, 30_000);
  }

  url(pathAndQuery = '/') {
    return `http://127.0.0.1:${this.port}${pathAndQuery}`;
  }

  /** The workbench URL for a folder, optionally with the extension-test payload. */
  workbenchUrl(folder, payload) {
    const params = new URLSearchParams({ folder });
    if (payload) {
      const remote = (p) => `vscode-remote://127.0.0.1:${this.port}${p}`;
      params.set(
        'payload',
        JSON.stringify([
          ['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)],
          ['extensionTestsPath', remote(payload.extensionTestsPath)],
        ]),
      );
    }
    return this.url(`/?${params}`);
  }

  /** Stops code-server and every process in its group (extension hosts, language servers). */
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const killGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    };
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    killGroup('SIGKILL'); // stragglers that ignored SIGTERM after their parent left
  }

  /** Synchronous last resort for process 'exit' handlers. */
  killNow() {
    if (this.child && this.child.exitCode === null) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }

  logTail(lines = 40) {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

/** `{dir, packageJSON}` of the single extension installed in an extensions folder. */
function readVsixManifest(extensionsDir) {
  for (const entry of fs.readdirSync(extensionsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const manifest = path.join(extensionsDir, entry.name, 'package.json');
    if (fs.existsSync(manifest)) {
      return { dir: path.join(extensionsDir, entry.name), packageJSON: JSON.parse(fs.readFileSync(manifest, 'utf8')) };
    }
  }
  return undefined;
}

/** Launches Chromium with a profile inside `tempDir`; `close()` on the result stops it. */
async function launchChromium(executablePath, tempDir) {
  const { chromium } = require('playwright-core');
  const home = path.join(tempDir, 'chromium-home');
  const tmp = path.join(home, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  return chromium.launchPersistentContext(path.join(tempDir, 'chromium-profile'), {
    executablePath,
    env: isolatedEnv(home, { TMPDIR: tmp }),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1400, height: 900 },
    timeout: 30_000,
  });
}

module.exports = { CodeServer, launchChromium, USER_SETTINGS };

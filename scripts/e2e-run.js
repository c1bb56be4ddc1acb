// The end-to-end stage: Seaworthy's VSIX installed into a real VS Code (code-server), tested from
// inside the extension host (mocha, through the smoke-test-driver payload) and through the
// workbench UI (playwright-core driving Debian's Chromium). Ends with `N passed, N failed`.
//
//   node scripts/e2e-run.js            builds the VSIX with `npm run package`, then tests it
//   SEAWORTHY_E2E_VSIX=x.vsix          tests that VSIX instead of building one
//   SEAWORTHY_E2E_REQUIRED=1           a skip (machine cannot provide code-server/Chromium) fails
//   SEAWORTHY_E2E_KEEP=1               keeps the temporary directory (logs, profiles) for a look
//
// Every process started here (code-server with its extension hosts and language servers,
// Chromium) is stopped before exit, also on failure or Ctrl+C.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { ensureE2eTools, reportSkip } = require('./e2e-setup');
const { CodeServer, launchChromium } = require('./e2e-codeserver');
const { root, outDir, compileTests, packageVsix, EXTENSION_HOST_SESSIONS } = require('./e2e-build');

const resultsDir = path.join(root, 'test-results', 'e2e');
const RESULT_PREFIX = 'seaworthy-e2e-result';
// A cap, not a wait: a session ends with its exit code. The Dockerfile-first session, the longest,
// ran past 150 s at load average 20 (its cases all passing), so the cap leaves room.
const SESSION_DEADLINE_MS = 300_000;

const counts = { passed: 0, failed: 0 };
const failures = [];
const timings = [];

function step(title) {
  console.log(`\n--- ${title}`);
  const started = Date.now();
  return () => timings.push(`${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function record(title, passed, error) {
  if (passed) {
    counts.passed++;
    console.log(`  ✓ ${title}`);
  } else {
    counts.failed++;
    failures.push({ title, error });
    console.log(`  ✗ ${title}\n${indent(error)}`);
  }
}

function indent(text) {
  return String(text ?? '')
    .split('\n')
    .slice(0, 30)
    .map((line) => `      ${line}`)
    .join('\n');
}

function copyFolder(from, to) {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/**
 * Opens a window whose URL carries the extension-test payload; the suite's `run()` executes in
 * that window's extension host and its exit code arrives through `codeAutomationExit`.
 */
async function runExtensionHostSession(browser, codeServer, extensionDir, workspace, session) {
  const page = await browser.newPage();
  const consoleLines = [];
  let seen = 0;
  let failedHere = 0;
  try {
    const exited = new Promise((resolve, reject) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(code)).catch(reject);
      page.once('crash', () => reject(new Error('the page crashed')));
      setTimeout(() => reject(new Error(`no exit code within ${SESSION_DEADLINE_MS / 1000} s`)), SESSION_DEADLINE_MS).unref();
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      const at = line.indexOf(RESULT_PREFIX);
      if (at >= 0) {
        const outcome = JSON.parse(line.slice(at + RESULT_PREFIX.length));
        seen++;
        if (outcome.state !== 'passed') failedHere++;
        record(outcome.title, outcome.state === 'passed', outcome.error);
      } else {
        consoleLines.push(`[${type}] ${line}`);
      }
    });
    await page.goto(
      codeServer.workbenchUrl(workspace, {
        extensionDevelopmentPath: extensionDir,
        extensionTestsPath: path.join(outDir, session.entry),
      }),
    );
    let code;
    try {
      code = await exited;
    } catch (error) {
      code = error;
    }
    if ((code !== 0 && failedHere === 0) || seen === 0) {
      // The suite did not run to the end (load error, hang, crash): count it as a failure.
      const how = code instanceof Error ? code.message : `exit code ${code} after ${seen} test(s)`;
      record(`${session.name}: the extension-host run ended with ${how}`, false, consoleLines.slice(-25).join('\n'));
    }
  } finally {
    const logName = session.entry.replace(/\.js$/, '').replace(/\W+/g, '-');
    fs.writeFileSync(path.join(resultsDir, `${logName}-console.log`), consoleLines.join('\n'));
    await page.close().catch(() => undefined);
  }
}

/**
 * Starts another code-server with the same VSIX and `extraEnv` in its environment (so its
 * extension host and language server see it), for a UI suite that needs what the shared one
 * must not have: a download URL of its own, a podman store. Its own folders sit under `temp`;
 * `started` collects it so that the harness stops it even when the suite does not.
 */
async function startOwnCodeServer(tools, vsix, temp, started, extraEnv) {
  const dir = fs.mkdtempSync(path.join(temp, 'own-code-server-'));
  const server = new CodeServer(tools, dir);
  started.push(server);
  server.installExtension(vsix);
  await server.start(extraEnv);
  return {
    workbenchUrl: (folder) => server.workbenchUrl(folder),
    userDataDir: server.userDataDir,
    stop: async () => {
      await server.stop();
      if (fs.existsSync(server.logFile)) fs.copyFileSync(server.logFile, path.join(resultsDir, `${path.basename(dir)}.log`));
    },
  };
}

async function runUiTests(browser, codeServer, extensionDir, examplesDir, startCodeServer) {
  const Mocha = require('mocha');
  const consoleLog = fs.createWriteStream(path.join(resultsDir, 'ui-console.log'));
  require(path.join(outDir, 'ui', 'uiSession.js')).setUiSession({
    newPage: async () => {
      const page = await browser.newPage();
      page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
      return page;
    },
    workbenchUrl: (folder) => codeServer.workbenchUrl(folder),
    startCodeServer,
    examplesDir,
    extensionDir,
    screenshotDir: resultsDir,
  });
  const mocha = new Mocha({ ui: 'tdd', timeout: 90_000, reporter: function Silent() {} });
  mocha.addFile(path.join(outDir, 'ui', 'examples.ui.test.js'));
  mocha.addFile(path.join(outDir, 'ui', 'editor-surfaces.ui.test.js'));
  mocha.addFile(path.join(outDir, 'ui', 'builtin-scan.ui.test.js'));
  mocha.addFile(path.join(outDir, 'ui', 'builtin-local.ui.test.js'));
  await new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => record(test.fullTitle(), true));
    runner.on('fail', (test, error) => record(test.fullTitle(), false, error?.stack ?? String(error)));
    runner.on('pending', (test) => console.log(`  - ${test.fullTitle()} (skipped)`));
  });
  consoleLog.end();
}

/**
 * A stand-in `trivy` first on code-server's PATH (test/support/fakeScanner/scanner.js): it
 * replays the recorded Trivy 0.72.0 report of alpine:3.10, so "Scan Image…" runs a real child
 * process without Trivy or a network. The VS Code server takes the extension host's environment
 * from a login shell, whose /etc/profile sets PATH afresh: the isolated home's `.profile` puts
 * the folder back in front.
 */
function fakeTrivyEnv(temp, tools, home) {
  const bin = path.join(temp, 'fake-scanners');
  fs.mkdirSync(bin, { recursive: true });
  const script = path.join(root, 'test', 'support', 'fakeScanner', 'scanner.js');
  fs.writeFileSync(path.join(bin, 'trivy'), `#!${tools.node24}\nprocess.env.FAKE_SCANNER_NAME = 'trivy';\nrequire(${JSON.stringify(script)});\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(home, '.profile'), `PATH=${JSON.stringify(bin)}:"$PATH"\nexport PATH\n`);
  const report = path.join(root, 'test', 'fixtures', 'scanners', 'trivy', 'alpine-3.10-image-trivy-0.72.0.json');
  return {
    PATH: [bin, path.dirname(tools.node24), process.env.PATH].join(path.delimiter),
    FAKE_SCANNER: JSON.stringify({ trivy: { mode: 'replay', reports: { 'alpine:3.10': report } } }),
  };
}

async function main() {
  let done = step('setup (.cache/e2e)');
  const tools = ensureE2eTools();
  done();
  if ('skipped' in tools) {
    const code = reportSkip(tools.skipped);
    console.log('0 passed, 0 failed');
    return code;
  }

  done = step('compile test/e2e');
  compileTests();
  done();
  done = step('package the VSIX');
  const vsix = packageVsix();
  done();

  fs.mkdirSync(resultsDir, { recursive: true });
  for (const old of fs.readdirSync(resultsDir)) fs.rmSync(path.join(resultsDir, old), { recursive: true, force: true });
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-e2e-'));
  const codeServer = new CodeServer(tools, temp);
  /** The code-servers UI suites started for themselves (startOwnCodeServer). */
  const ownCodeServers = [];
  let browser;
  const stopAll = async () => {
    if (browser) await browser.close().catch(() => undefined);
    browser = undefined;
    await Promise.all([codeServer, ...ownCodeServers].map((server) => server.stop()));
  };
  const removeTemp = () => {
    if (process.env.SEAWORTHY_E2E_KEEP === '1') console.log(`kept ${temp}`);
    else fs.rmSync(temp, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    console.error(`\n${signal}: stopping code-server and Chromium`);
    stopAll().finally(() => {
      removeTemp();
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => [codeServer, ...ownCodeServers].forEach((server) => server.killNow()));

  try {
    done = step(`install ${path.relative(root, vsix)} into code-server`);
    const extension = codeServer.installExtension(vsix);
    console.log(`  installed ${extension.packageJSON.publisher}.${extension.packageJSON.name} ${extension.packageJSON.version} in ${extension.dir}`);
    done();

    done = step('start code-server and Chromium');
    await codeServer.start(fakeTrivyEnv(temp, tools, codeServer.home));
    browser = await launchChromium(tools.chromium, temp);
    console.log(`  code-server ${codeServer.url()}, log ${codeServer.logFile}`);
    done();

    for (const [i, session] of EXTENSION_HOST_SESSIONS.entries()) {
      done = step(session.name);
      const workspace = copyFolder(path.join(root, 'test', 'e2e', 'workspace'), path.join(temp, `workspace-${i}`));
      await runExtensionHostSession(browser, codeServer, extension.dir, workspace, session);
      done();
    }

    done = step('workbench UI (examples/)');
    const examplesDir = copyFolder(path.join(root, 'examples'), path.join(temp, 'examples'));
    await runUiTests(browser, codeServer, extension.dir, examplesDir, (extraEnv) => startOwnCodeServer(tools, vsix, temp, ownCodeServers, extraEnv));
    done();
  } catch (error) {
    record('end-to-end harness', false, error?.stack ?? String(error));
    console.error(codeServer.logTail());
  } finally {
    await stopAll();
    if (fs.existsSync(codeServer.logFile)) fs.copyFileSync(codeServer.logFile, path.join(resultsDir, 'code-server.log'));
    removeTemp();
  }

  console.log(`\n${timings.join('\n')}`);
  if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ✗ ${f.title}`).join('\n')}`);
  console.log(`screenshots and logs: ${path.relative(root, resultsDir)}/`);
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  return counts.failed > 0 || counts.passed === 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`e2e: ${error?.stack ?? error}`);
    console.log(`${counts.passed} passed, ${counts.failed + 1} failed`);
    process.exitCode = 1;
  },
);

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { nodeProcessHost } from '../../server/src/host/nodeProcessHost';
import type { ImageScan } from '../../server/src/scan/model';
import { parseReport } from '../../server/src/scan/reports/reportFormat';
import { KILL_GRACE_MS } from '../../server/src/scan/processes';
import { ScanCache } from '../../server/src/scan/scanCache';
import { scanImage, ScanError, type ScanErrorKind, type ScanOptions } from '../../server/src/scan/scanner';
import { FakeScanners, isRunning, type FakeSpec } from '../support/fakeScanners';
import { SCANNERS } from '../support/scanFixtures';

const TRIVY_REPORT = path.join(SCANNERS, 'trivy/alpine-3.10-image-trivy-0.72.0.json');
const GRYPE_REPORT = path.join(SCANNERS, 'grype/busybox-1.32.1-image-grype-0.94.0.json');
const SCOUT_REPORT = path.join(SCANNERS, 'docker-scout/written-from-notes.sarif');
const parsed = (file: string): ImageScan => parseReport(fs.readFileSync(file, 'utf8'))[0]!;

const fakes = new FakeScanners(['trivy', 'grype', 'docker']);
after(() => fakes.dispose());
beforeEach(() => fakes.resetLogs());

const options = (extra: Partial<ScanOptions> = {}): ScanOptions => ({ engine: 'auto', platform: null, timeoutMs: 60_000, ...extra });
const hostWith = (specs: Record<string, FakeSpec>, env: NodeJS.ProcessEnv = {}) => nodeProcessHost(fakes.env(specs, env));

async function failure(promise: Promise<unknown>): Promise<ScanError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ScanError, String(e));
    return e;
  }
  assert.fail('the scan succeeded');
}

function expectFailure(error: ScanError, kind: ScanErrorKind, message: RegExp): void {
  assert.equal(error.kind, kind, error.message);
  assert.match(error.message, message);
}

describe('scanning with an external scanner (real child processes replaying recorded reports)', () => {
  it('runs trivy with an argument array and reads its JSON into the model', async () => {
    const host = hostWith({ trivy: { mode: 'replay', reports: { 'alpine:3.10': TRIVY_REPORT } } });
    const scan = await scanImage('alpine:3.10', options({ engine: 'trivy' }), host);
    assert.deepEqual(fakes.runs('trivy').map((r) => r.argv), [['image', '--format', 'json', '--quiet', '--timeout', '60s', '--', 'alpine:3.10']]);
    assert.deepEqual(scan, parsed(TRIVY_REPORT));
  });

  it('runs grype with the platform and names the image as asked', async () => {
    const host = hostWith({ grype: { mode: 'replay', reports: { 'docker.io/library/busybox:1.32.1': GRYPE_REPORT } } });
    const scan = await scanImage('docker.io/library/busybox:1.32.1', options({ engine: 'grype', platform: 'linux/arm64' }), host);
    assert.deepEqual(fakes.runs('grype').map((r) => r.argv), [['-o', 'json', '--platform', 'linux/arm64', '--', 'docker.io/library/busybox:1.32.1']]);
    assert.equal(scan.image, 'docker.io/library/busybox:1.32.1');
    assert.equal(scan.engine, 'grype');
    assert.deepEqual(scan.vulnerabilities, parsed(GRYPE_REPORT).vulnerabilities);
  });

  it('runs docker scout cves --format sarif and supplies the image Scout does not name', async () => {
    const host = hostWith({ docker: { mode: 'replay', reports: { 'node:22': SCOUT_REPORT } } });
    const scan = await scanImage('node:22', options({ engine: 'docker-scout' }), host);
    assert.deepEqual(fakes.runs('docker').map((r) => r.argv), [['scout', 'cves', '--format', 'sarif', '--', 'node:22']]);
    assert.equal(scan.image, 'node:22');
    assert.equal(scan.engine, 'docker-scout');
    assert.equal(scan.vulnerabilities.length, 4);
  });

  it('auto picks the first installed: Trivy, then Grype, then Docker only with its Scout plugin', async () => {
    const both = hostWith({ trivy: { mode: 'replay', reports: { 'alpine:3.10': TRIVY_REPORT } }, grype: { mode: 'replay', reports: { 'alpine:3.10': GRYPE_REPORT } } });
    assert.equal((await scanImage('alpine:3.10', options(), both)).engine, 'trivy');

    const onlyDocker = new FakeScanners(['docker']);
    try {
      const docker = nodeProcessHost(onlyDocker.env({ docker: { mode: 'replay', reports: { 'node:22': SCOUT_REPORT } } }));
      // Docker without Scout is no scanner: auto falls back to the built-in one (here, a registry that is not there).
      expectFailure(await failure(scanImage('127.0.0.1:1/node:22', options(), docker)), 'failed', /cannot reach 127\.0\.0\.1:1: ECONNREFUSED/);
      const plugins = path.join(onlyDocker.dir, '.docker', 'cli-plugins');
      fs.mkdirSync(plugins, { recursive: true });
      onlyDocker.install('docker-scout', path.join(plugins, 'docker-scout'));
      assert.equal((await scanImage('node:22', options(), docker)).engine, 'docker-scout');
    } finally {
      onlyDocker.dispose();
    }
  });

  it('says how to install a scanner that is not there, and uses a configured path', async () => {
    const empty = nodeProcessHost({ PATH: path.join(fakes.dir, 'nowhere') });
    expectFailure(await failure(scanImage('alpine:3.10', options({ engine: 'grype' }), empty)), 'missing-scanner', /^Grype was not found \(no 'grype' on PATH\): install Grype .*, or name it in the setting seaworthy\.scan\.grypePath$/);
    const configured = fakes.install('trivy', path.join(fakes.dir, 'my-trivy'));
    const host = nodeProcessHost({ ...fakes.env({ trivy: { mode: 'replay', reports: { 'alpine:3.10': TRIVY_REPORT } } }), PATH: '' });
    assert.equal((await scanImage('alpine:3.10', options({ engine: 'trivy', executablePaths: { trivy: configured } }), host)).engine, 'trivy');
    const notThere = options({ engine: 'trivy', executablePaths: { trivy: path.join(fakes.dir, 'missing-trivy') } });
    expectFailure(await failure(scanImage('alpine:3.10', notThere, host)), 'missing-scanner', /'.*missing-trivy' \(seaworthy\.scan\.trivyPath\) is not an executable file/);
  });

  it('never starts a scanner for something that is not an image reference', async () => {
    const host = hostWith({ trivy: { mode: 'replay', reports: {} } });
    for (const [image, message] of [
      ['--config=/etc/passwd', /starts with '-'/],
      ['alpine:3.10; rm -rf ~', /contains white space/],
      ['$(id)', /is not an image reference/],
      ['alpine`id`', /is not an image reference/],
      ['', /empty/],
    ] as const) {
      expectFailure(await failure(scanImage(image, options({ engine: 'trivy' }), host)), 'bad-reference', message);
    }
    assert.deepEqual(fakes.runs('trivy'), []);
  });

  it('builtin runs in process with no scanner installed, and says when the registry cannot be reached', async () => {
    expectFailure(await failure(scanImage('127.0.0.1:1/app:1.0', options({ engine: 'builtin' }), hostWith({}))), 'failed', /cannot reach 127\.0\.0\.1:1: ECONNREFUSED \(fetching 127\.0\.0\.1:1\/app:1\.0\)/);
  });
});

describe('scanner failures get a message that says what to do', () => {
  for (const [name, spec, kind, message] of [
    ['trivy', { mode: 'fail', code: 1, stderr: '2026-01-01T00:00:00Z\tFATAL\tinit error: DB error: failed to download vulnerability DB: dial tcp: lookup ghcr.io: no such host\n' }, 'offline-db', /^Trivy could not scan alpine:3\.10: Trivy could not get its vulnerability database \(offline\?\).*--download-db-only/],
    ['grype', { mode: 'fail', code: 1, stderr: '[0000] ERROR failed to load vulnerability db: unable to update vulnerability database\n' }, 'offline-db', /grype db update/],
    ['trivy', { mode: 'fail', code: 1, stderr: 'FATAL unable to inspect the image: GET https://registry.example.com/v2/team/app/manifests/1.0: UNAUTHORIZED: authentication required\n' }, 'login', /the registry wants a login: run `docker login <registry>`/],
    ['docker', { mode: 'fail', code: 1, stderr: "docker: 'scout' is not a docker command.\nSee 'docker --help'\n" }, 'missing-scanner', /Docker has no Scout plugin/],
    ['docker', { mode: 'fail', code: 1, stderr: 'ERROR Log in with your Docker ID to use Docker Scout\n' }, 'login', /Docker Scout needs a Docker account: run `docker login`/],
    ['grype', { mode: 'replay', reports: {} }, 'not-found', /the image was not found/],
    ['trivy', { mode: 'fail', code: 7, stderr: 'panic: something odd\n\x1b[31mgoroutine 1 [running]\x1b[0m\n' }, 'failed', /^Trivy exited with code 7 while scanning alpine:3\.10: goroutine 1 \[running\]$/],
    ['grype', { mode: 'garbage' }, 'unparsable', /^Grype finished but its output is not a report Seaworthy can read \(not JSON .*; it began "Scanning image\.\.\."\)$/],
    ['trivy', { mode: 'garbage', stdout: '' }, 'unparsable', /\(the report is empty; it printed nothing\)$/],
    ['trivy', { mode: 'garbage', stdout: '{"matches": []}' }, 'unparsable', /this looks like a grype report, not trivy/],
  ] as const) {
    it(`${name} ${spec.mode}${'code' in spec ? ` ${spec.code}` : ''}: ${kind}`, async () => {
      const engine = name === 'docker' ? 'docker-scout' : name;
      const error = await failure(scanImage('alpine:3.10', options({ engine }), hostWith({ [name]: spec as FakeSpec })));
      expectFailure(error, kind, message);
      if ('stderr' in spec) assert.equal(error.stderr, spec.stderr);
    });
  }

  it('passes the scanner’s stderr on as it arrives', async () => {
    const chunks: string[] = [];
    const host = hostWith({ trivy: { mode: 'replay', reports: { 'alpine:3.10': TRIVY_REPORT }, stderr: 'INFO Detected OS family="alpine"\n' } });
    await scanImage('alpine:3.10', options({ engine: 'trivy', onStderr: (t) => chunks.push(t) }), host);
    assert.equal(chunks.join(''), 'INFO Detected OS family="alpine"\n');
  });
});

/**
 * The clock is a parameter of the process host: these tests fire the timeout (and the SIGKILL
 * grace period) themselves once the stand-in says it runs, instead of racing a short real timer
 * against a busy machine.
 */
class ManualClock {
  private readonly timers: { ms: number; callback: () => void; done: boolean }[] = [];

  now(): number {
    return Date.now();
  }

  after(ms: number, callback: () => void): () => void {
    const timer = { ms, callback, done: false };
    this.timers.push(timer);
    return () => (timer.done = true);
  }

  /** Runs the pending timers set for `ms`. */
  fire(ms: number): void {
    for (const timer of this.timers.filter((t) => t.ms === ms && !t.done)) {
      timer.done = true;
      timer.callback();
    }
  }
}

describe('a scanner that does not finish is ended with its children', () => {
  const TIMEOUT = 60_000;

  it('on timeout', async () => {
    const clock = new ManualClock();
    const host = { ...hostWith({ trivy: { mode: 'hang', child: true } }), clock };
    const error = await failure(scanImage('alpine:3.10', options({ engine: 'trivy', timeoutMs: TIMEOUT, onStderr: () => clock.fire(TIMEOUT) }), host));
    expectFailure(error, 'timeout', /^Trivy did not finish scanning alpine:3\.10 within 60 s and was stopped: scan again, or allow longer \(seaworthy\.scan\.timeoutSeconds\)$/);
    const [run, spawned] = fakes.runs('trivy');
    assert.equal(isRunning(run!.pid!), false, 'the scanner is gone');
    assert.equal(isRunning(spawned!.grandchild!), false, 'and the process it started');
  });

  it('on cancel, as soon as it is asked', async () => {
    const controller = new AbortController();
    const host = hostWith({ grype: { mode: 'hang', child: true } });
    // The fake writes "started" once its child runs: cancel then, not after a guessed delay.
    const scan = scanImage('alpine:3.10', options({ engine: 'grype', signal: controller.signal, onStderr: () => controller.abort() }), host);
    expectFailure(await failure(scan), 'cancelled', /^the scan of alpine:3\.10 was cancelled; Grype was stopped$/);
    const [run, spawned] = fakes.runs('grype');
    assert.equal(isRunning(run!.pid!), false);
    assert.equal(isRunning(spawned!.grandchild!), false);
  });

  it('with SIGKILL after the grace period when it ignores SIGTERM', { timeout: 20_000 }, async () => {
    const clock = new ManualClock();
    const host = { ...hostWith({ trivy: { mode: 'hang', child: true, ignoreTerm: true } }), clock };
    const onStderr = (): void => {
      clock.fire(TIMEOUT); // SIGTERM to the group: both ignore it
      clock.fire(KILL_GRACE_MS); // then SIGKILL
    };
    expectFailure(await failure(scanImage('alpine:3.10', options({ engine: 'trivy', timeoutMs: TIMEOUT, onStderr }), host)), 'timeout', /was stopped/);
    const [run, spawned] = fakes.runs('trivy');
    assert.equal(isRunning(run!.pid!), false);
    assert.equal(isRunning(spawned!.grandchild!), false);
  });
});

describe('scan cache', () => {
  it('serves a second scan of the same image and engine without running the scanner, until refresh', async () => {
    const host = hostWith({ trivy: { mode: 'replay', reports: { node: TRIVY_REPORT, 'docker.io/library/node:latest': TRIVY_REPORT } } });
    const cache = new ScanCache(host.clock);
    const first = await scanImage('node', options({ engine: 'trivy' }), host, cache);
    assert.deepEqual(await scanImage('docker.io/library/node:latest', options({ engine: 'trivy' }), host, cache), { ...first, image: 'docker.io/library/node:latest' });
    assert.equal(fakes.runs('trivy').length, 1);
    await scanImage('node', options({ engine: 'trivy', refresh: true }), host, cache);
    assert.equal(fakes.runs('trivy').length, 2);
    await scanImage('node', options({ engine: 'trivy', platform: 'linux/arm64' }), host, cache);
    assert.equal(fakes.runs('trivy').length, 3, 'another platform is another image');
  });

  it('forgets an entry when its time is up, and everything on clear', () => {
    let now = 1_000;
    const cache = new ScanCache({ now: () => now }, 60_000);
    const scan = parsed(TRIVY_REPORT);
    cache.set('alpine:3.10', null, scan);
    assert.equal(cache.get('docker.io/library/alpine:3.10', 'trivy', null), scan);
    assert.equal(cache.get('alpine:3.10', 'grype', null), null);
    now += 59_999;
    assert.equal(cache.get('alpine:3.10', 'trivy', null), scan);
    now += 1;
    assert.equal(cache.get('alpine:3.10', 'trivy', null), null);
    cache.set('alpine:3.10', null, scan);
    cache.clear();
    assert.equal(cache.get('alpine:3.10', 'trivy', null), null);
  });
});

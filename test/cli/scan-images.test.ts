import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeScanners } from '../support/fakeScanners';
import { ALPINE_310_VULNERABILITY, SCANNERS } from '../support/scanFixtures';
import { runCli, tempProject, type TempProject } from './cliHarness';

const TRIVY_REPORT = path.join(SCANNERS, 'trivy/alpine-3.10-image-trivy-0.72.0.json');
const GRYPE_REPORT = path.join(SCANNERS, 'grype/busybox-1.32.1-image-grype-0.94.0.json');

interface JsonScans {
  scans: { image: string; engine: string; vulnerabilities: unknown[]; locations?: { file: string; range: { start: { line: number } } }[] }[];
}

describe('seaworthy scan IMAGE… (stand-in scanners replaying recorded reports)', () => {
  const fakes = new FakeScanners(['trivy', 'grype']);
  let project: TempProject;
  before(() => {
    project = tempProject({ Dockerfile: 'FROM busybox:1.32.1 AS tools\nFROM alpine:3.10\nCOPY --from=tools /bin/busybox /bin/\nUSER 10001\n' });
  });
  after(() => {
    project.dispose();
    fakes.dispose();
  });
  beforeEach(() => fakes.resetLogs());
  const trivy = { mode: 'replay', reports: { 'alpine:3.10': TRIVY_REPORT, 'busybox:1.32.1': GRYPE_REPORT } } as const;

  it('scans an image with the first scanner installed and prints the contract JSON', async () => {
    const run = await runCli(['scan', 'alpine:3.10', '--format', 'json'], { cwd: project.dir, env: fakes.env({ trivy }) });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    const parsed = JSON.parse(run.stdout) as JsonScans;
    assert.deepEqual(parsed.scans.map((s) => [s.image, s.engine]), [['alpine:3.10', 'trivy']]);
    assert.deepEqual(parsed.scans[0]?.vulnerabilities, [ALPINE_310_VULNERABILITY]);
    assert.deepEqual(fakes.runs('trivy').map((r) => r.argv), [['image', '--format', 'json', '--quiet', '--timeout', '600s', '--', 'alpine:3.10']]);
  });

  it('scans every image a Dockerfile names, each placed on its FROM line', async () => {
    const grype = { mode: 'replay', reports: { 'alpine:3.10': GRYPE_REPORT, 'busybox:1.32.1': GRYPE_REPORT } } as const;
    const run = await runCli(['scan', '--dockerfile', 'Dockerfile', '--engine', 'grype', '--format', 'json'], { cwd: project.dir, env: fakes.env({ grype }) });
    assert.equal(run.code, 1, run.stderr);
    const parsed = JSON.parse(run.stdout) as JsonScans;
    assert.deepEqual(
      parsed.scans.map((s) => [s.image, s.engine, s.vulnerabilities.length, s.locations?.map((l) => `${l.file}:${l.range.start.line}`)]),
      [
        ['busybox:1.32.1', 'grype', 15, ['Dockerfile:0']],
        ['alpine:3.10', 'grype', 15, ['Dockerfile:1']],
      ],
    );
  });

  it('honours SEAWORTHY_SCAN_TIMEOUT and names the platform', async () => {
    await runCli(['scan', 'alpine:3.10', '--platform', 'linux/arm64'], { cwd: project.dir, env: fakes.env({ trivy }, { SEAWORTHY_SCAN_TIMEOUT: '90' }) });
    assert.deepEqual(fakes.runs('trivy').map((r) => r.argv), [['image', '--format', 'json', '--quiet', '--timeout', '90s', '--platform', 'linux/arm64', '--', 'alpine:3.10']]);
  });

  it('reports a failed image with exit code 2 and still prints the others', async () => {
    const run = await runCli(['scan', 'alpine:3.10', 'ghcr.io/acme/private:1', '--format', 'json'], { cwd: project.dir, env: fakes.env({ trivy }) });
    assert.equal(run.code, 2);
    assert.deepEqual((JSON.parse(run.stdout) as JsonScans).scans.map((s) => s.image), ['alpine:3.10']);
    assert.equal(run.stderr, 'seaworthy: ghcr.io/acme/private:1: Trivy could not scan ghcr.io/acme/private:1: the image was not found: check the name and tag, or pull or build it first\n');
  });

  it('falls back to the built-in scanner when none is installed', async () => {
    // A registry that is not there: the built-in engine's own message shows it was the one used.
    const run = await runCli(['scan', '127.0.0.1:1/app:1.0'], { cwd: project.dir, env: { PATH: path.join(fakes.dir, 'empty') } });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^seaworthy: 127\.0\.0\.1:1\/app:1\.0: cannot scan 127\.0\.0\.1:1\/app:1\.0: cannot reach 127\.0\.0\.1:1: ECONNREFUSED/);
  });

  it('refuses a reference that is not one before running anything', async () => {
    const run = await runCli(['scan', '--', '--output=/etc/passwd'], { cwd: project.dir, env: fakes.env({ trivy }) });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^seaworthy: --output=\/etc\/passwd: cannot scan: '--output=\/etc\/passwd' starts with '-'/);
    assert.deepEqual(fakes.runs('trivy'), []);
  });

  it('explains unreadable scanner output', async () => {
    const run = await runCli(['scan', 'alpine:3.10', '--engine', 'grype'], { cwd: project.dir, env: fakes.env({ grype: { mode: 'garbage' } }) });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Grype finished but its output is not a report Seaworthy can read/);
  });

  it('says the Dockerfile has nothing to scan', async () => {
    fs.writeFileSync(project.path('scratch.Dockerfile'), 'FROM scratch\nCOPY app /\n');
    const run = await runCli(['scan', '--dockerfile', 'scratch.Dockerfile'], { cwd: project.dir, env: fakes.env({ trivy }) });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /scratch\.Dockerfile: no FROM line names an image to scan/);
  });
});

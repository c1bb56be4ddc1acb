import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CancellationTokenSource, DiagnosticSeverity, LSPErrorCodes, ResponseError, type Diagnostic } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { tempWorkspace } from '../support/lspWorkspace';
import { FakeScanners, isRunning } from '../support/fakeScanners';
import { SCANNERS } from '../support/scanFixtures';

const TRIVY_REPORT = path.join(SCANNERS, 'trivy/alpine-3.10-image-trivy-0.72.0.json');
const CODE = 'image-vulnerabilities';

interface ScanResult {
  scans: { image: string; engine: string; vulnerabilities: { id: string }[] }[];
  failures: { image: string; kind: string; message: string }[];
}

const DOCKERFILE = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.10\nCOPY --from=build /app /app\n';
const COMPOSE = 'services:\n  web:\n    image: alpine:3.10\n    ports:\n      - "8080:80"\n';
const FROM_ALPINE = { start: { line: 2, character: 5 }, end: { line: 2, character: 16 } };
const SUMMARY =
  'alpine:3.10: 1 critical (Trivy scan); 1 of 1 have a fixed version; most severe: CVE-2021-36159 in apk-tools 2.10.6-r0 (fixed in 2.10.7-r0).';

const ofScans = (diagnostics: readonly Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.code === CODE);

describe('language server: seaworthy/scanImages', () => {
  const ws = tempWorkspace('scan');
  const fakes = new FakeScanners(['trivy']);
  let client: LspClient;
  let scanSettings: Record<string, unknown> = {};
  const dockerfile = ws.uri('Dockerfile');
  const compose = ws.uri('compose.yaml');

  before(async () => {
    const env = fakes.env({ trivy: { mode: 'replay', reports: { 'alpine:3.10': TRIVY_REPORT, 'golang:1.22': TRIVY_REPORT } }, slow: { mode: 'hang', child: true } });
    client = await LspClient.start({ workspaceFolders: [ws.dir], workDoneProgress: true, env: { ...process.env, ...env }, settings: () => ({ scan: scanSettings }) });
    client.open(dockerfile, 'dockerfile', DOCKERFILE);
    client.open(compose, 'yaml', COMPOSE);
    await client.diagnostics(dockerfile, 1);
    await client.diagnostics(compose, 1);
  });
  after(async () => {
    await client.stop();
    fakes.dispose();
  });
  beforeEach(() => {
    fakes.resetLogs();
    scanSettings = {};
  });

  const scan = (params: Record<string, unknown>, token?: CancellationTokenSource): Promise<ScanResult> =>
    (token ? client.connection.sendRequest('seaworthy/scanImages', params, token.token) : client.connection.sendRequest('seaworthy/scanImages', params)) as Promise<ScanResult>;

  it('lists the images a document names', async () => {
    const result = (await client.connection.sendRequest('seaworthy/imageMentions', { uri: dockerfile })) as { mentions: unknown[] };
    assert.deepEqual(result.mentions, [
      { image: 'golang:1.22', range: { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } } },
      { image: 'alpine:3.10', range: FROM_ALPINE },
    ]);
    const yaml = (await client.connection.sendRequest('seaworthy/imageMentions', { uri: compose })) as { mentions: unknown[] };
    assert.deepEqual(yaml.mentions, [{ image: 'alpine:3.10', range: { start: { line: 2, character: 11 }, end: { line: 2, character: 22 } } }]);
  });

  it('scans with progress and publishes the result on every line naming the image, next to the lint findings', async () => {
    const published = client.nextDiagnostics(dockerfile, (p) => ofScans(p.diagnostics).length > 0);
    const composePublished = client.nextDiagnostics(compose, (p) => ofScans(p.diagnostics).length > 0);
    const progressBefore = client.progress.length;
    const result = await scan({ images: ['alpine:3.10'], workDoneToken: 'scan-1' });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.scans.map((s) => [s.image, s.engine, s.vulnerabilities.map((v) => v.id)]), [['alpine:3.10', 'trivy', ['CVE-2021-36159']]]);
    assert.deepEqual(fakes.runs('trivy').map((r) => r.argv?.at(-1)), ['alpine:3.10']);

    const progress = client.progress.slice(progressBefore) as { kind: string; title?: string; message?: string; cancellable?: boolean }[];
    assert.deepEqual(progress.map((p) => p.kind), ['begin', 'report', 'end']);
    assert.equal(progress[0]?.cancellable, true);
    assert.equal(progress[1]?.message, 'alpine:3.10 (1 of 1)');

    const diagnostics = (await published).diagnostics;
    assert.deepEqual(ofScans(diagnostics), [
      {
        range: FROM_ALPINE,
        severity: DiagnosticSeverity.Error,
        source: 'seaworthy',
        code: CODE,
        codeDescription: { href: 'https://avd.aquasec.com/nvd/cve-2021-36159' },
        message: SUMMARY,
        data: { ruleId: CODE, image: 'alpine:3.10', engine: 'trivy' },
      },
    ]);
    assert.ok(diagnostics.some((d) => d.code === 'final-stage-runs-as-root'), 'the lint findings are still there');
    assert.deepEqual(ofScans((await composePublished).diagnostics).map((d) => [d.range.start, d.message]), [[{ line: 2, character: 11 }, SUMMARY]]);
  });

  it('keeps the result on the line as the document is edited, and serves a rescan of a cached image without running the scanner', async () => {
    const version = client.insert(dockerfile, 0, 0, '# syntax=docker/dockerfile:1\n');
    const edited = await client.diagnostics(dockerfile, version);
    assert.deepEqual(ofScans(edited.diagnostics).map((d) => d.range.start), [{ line: 3, character: 5 }]);
    await scan({ uri: dockerfile });
    assert.deepEqual(fakes.runs('trivy').map((r) => r.argv?.at(-1)), ['golang:1.22'], 'alpine:3.10 came from the cache');
    await scan({ images: ['alpine:3.10'], refresh: true });
    assert.deepEqual(fakes.runs('trivy').map((r) => r.argv?.at(-1)), ['golang:1.22', 'alpine:3.10']);
  });

  it('cancelling the request ends the scanner and its children', { timeout: 20_000 }, async () => {
    // A trivy that hangs (with a child of its own), named by the setting.
    scanSettings = { engine: 'trivy', trivyPath: fakes.install('slow', path.join(fakes.dir, 'slow-trivy')) };
    const started = client.nextLog((m) => m.includes('started'));
    const source = new CancellationTokenSource();
    const request = scan({ images: ['busybox:1.36'], trusted: true }, source);
    // Cancel once the scanner says it runs (its stderr reaches the output channel), not after a guess.
    void started.then(() => source.cancel());
    await assert.rejects(request, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    const [run, spawned] = fakes.runs('slow');
    assert.deepEqual(run?.argv, ['image', '--format', 'json', '--quiet', '--timeout', '600s', '--', 'busybox:1.36']);
    assert.equal(isRunning(run!.pid!), false, 'the scanner is gone');
    assert.equal(isRunning(spawned!.grandchild!), false, 'and so is its child');
  });

  it('reports a failed scan in the result and keeps answering', async () => {
    const result = await scan({ images: ['ghcr.io/acme/private:1', '-v'] });
    assert.deepEqual(result.scans, []);
    assert.deepEqual(
      result.failures.map((f) => [f.image, f.kind]),
      [
        ['ghcr.io/acme/private:1', 'not-found'],
        ['-v', 'bad-reference'],
      ],
    );
    assert.deepEqual(fakes.runs('trivy').map((r) => r.argv?.at(-1)), ['ghcr.io/acme/private:1']);
  });

  it('passes seaworthy.scan.platform to the scanner, and leaves a malformed one out', async () => {
    scanSettings = { platform: 'linux/arm64' };
    await scan({ images: ['alpine:3.10'], refresh: true });
    scanSettings = { platform: 'arm64; rm -rf /' };
    await scan({ images: ['alpine:3.10'], refresh: true });
    const argvs = fakes.runs('trivy').map((r) => r.argv ?? []);
    assert.equal(argvs.length, 2);
    assert.deepEqual(argvs[0]!.slice(argvs[0]!.indexOf('--platform'), argvs[0]!.indexOf('--platform') + 2), ['--platform', 'linux/arm64']);
    assert.ok(!argvs[1]!.includes('--platform'), argvs[1]!.join(' '));
  });

  it('ignores scanner paths from settings in an untrusted workspace', async () => {
    scanSettings = { engine: 'grype', grypePath: fakes.install('grype', path.join(fakes.dir, 'workspace-grype')) };
    const untrusted = await scan({ images: ['alpine:3.10'], trusted: false });
    assert.deepEqual(untrusted.failures.map((f) => f.kind), ['missing-scanner']);
    assert.match(untrusted.failures[0]?.message ?? '', /no 'grype' on PATH/);
    assert.deepEqual(fakes.runs('grype'), []);
  });

  it('exports the results as SARIF located on the lines naming the image, as the JSON contract and as Markdown', async () => {
    await scan({ images: ['alpine:3.10'] });
    const exported = async (format: string): Promise<string> => ((await client.connection.sendRequest('seaworthy/exportScanReport', { format, folder: ws.dir })) as { content: string }).content;
    const sarif = JSON.parse(await exported('sarif')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const alpine = sarif.runs[0]!.results.filter((r) => r.ruleId === 'CVE-2021-36159');
    assert.deepEqual(
      alpine.map((r) => r.locations.map((l) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`)),
      // alpine:3.10 and golang:1.22 (the stand-in replays the same report for both); the
      // Dockerfile gained a line at the top in an earlier test.
      [['Dockerfile:4', 'compose.yaml:3'], ['Dockerfile:2']],
    );
    const json = JSON.parse(await exported('json')) as { version: number; scans: { image: string; locations: unknown[] }[] };
    assert.equal(json.version, 1);
    assert.deepEqual(Object.keys(json.scans[0]!), ['image', 'digest', 'engine', 'os', 'vulnerabilities', 'findings', 'locations']);
    const markdown = await exported('markdown');
    assert.match(markdown, /^# Image scan report\n\n## alpine:3\.10\n/);
    assert.match(markdown, /\| Critical \| \[CVE-2021-36159\]\(https:\/\/avd\.aquasec\.com\/nvd\/cve-2021-36159\) \| apk-tools \| 2\.10\.6-r0 \| 2\.10\.7-r0 \|/);
  });

  it('clears every scan result', async () => {
    const cleared = client.nextDiagnostics(dockerfile, (p) => ofScans(p.diagnostics).length === 0);
    await client.connection.sendRequest('seaworthy/clearScanResults', {});
    assert.ok((await cleared).diagnostics.length > 0, 'the lint findings stay');
  });
});

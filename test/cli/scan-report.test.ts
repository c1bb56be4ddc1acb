import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ALPINE_310_VULNERABILITY, SCANNERS } from '../support/scanFixtures';
import { runCli, tempProject, type TempProject } from './cliHarness';


interface JsonScan {
  image: string;
  digest: string | null;
  engine: string;
  os: { family: string; version: string } | null;
  vulnerabilities: { id: string; package: string; installedVersion: string; fixedVersion: string | null; severity: string; title: string; url: string | null }[];
  findings: { ruleId: string; severity: string; message: string; path: string | null }[];
  locations?: { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

/** How many vulnerabilities the scanner itself reported, counted from the raw JSON. */
function countInReport(file: string): number {
  const json = JSON.parse(fs.readFileSync(path.join(SCANNERS, file), 'utf8')) as unknown;
  type TrivyResult = { Vulnerabilities?: unknown[] };
  if (Array.isArray(json)) return (json as TrivyResult[]).reduce((n, r) => n + (r.Vulnerabilities?.length ?? 0), 0);
  const report = json as { matches?: unknown[]; Results?: TrivyResult[] };
  if (report.matches) return report.matches.length;
  return (report.Results ?? []).reduce((n, r) => n + (r.Vulnerabilities?.length ?? 0), 0);
}

const JSON_FIXTURES = ['trivy', 'grype'].flatMap((dir) =>
  fs
    .readdirSync(path.join(SCANNERS, dir))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.cdx.json'))
    .map((f) => `${dir}/${f}`),
);

describe('seaworthy scan --report: every recorded Trivy and Grype report', () => {
  it('finds the JSON fixtures', () => assert.equal(JSON_FIXTURES.length, 21));

  for (const file of JSON_FIXTURES) {
    it(`${file}: the same vulnerability count as the report`, async () => {
      const run = await runCli(['scan', '--report', file, '--format', 'json', '--severity-threshold', 'unknown'], { cwd: SCANNERS });
      const parsed = JSON.parse(run.stdout) as { version: number; scans: JsonScan[] };
      assert.equal(parsed.version, 1);
      assert.equal(parsed.scans.length, 1);
      const expected = countInReport(file);
      assert.equal(parsed.scans[0]!.vulnerabilities.length, expected);
      assert.equal(run.code, expected > 0 || parsed.scans[0]!.findings.length > 0 ? 1 : 0, run.stderr);
      assert.equal(run.stderr, '');
    });
  }
});

describe('seaworthy scan --report: output', () => {
  let project: TempProject;
  before(() => {
    project = tempProject({
      'Dockerfile': 'ARG ALPINE=3.10\nFROM golang:1.22 AS build\nRUN go build -o /app .\n\n# runtime\nFROM alpine:${ALPINE}\nCOPY --from=build /app /app\nUSER 10001\n',
      'trivy.json': fs.readFileSync(path.join(SCANNERS, 'trivy/alpine-3.10-image-trivy-0.72.0.json'), 'utf8'),
      'grype.json': fs.readFileSync(path.join(SCANNERS, 'grype/presenter-snapshot-image.json'), 'utf8'),
      'scout.sarif': fs.readFileSync(path.join(SCANNERS, 'docker-scout/written-from-notes.sarif'), 'utf8'),
      'garbage.json': '{"matches": [',
      'notes.txt': 'hello',
    });
  });
  after(() => project.dispose());

  it('prints the contract JSON in its key order, with the FROM line that brought the image in', async () => {
    const run = await runCli(['scan', '--report', 'trivy.json', '--dockerfile', 'Dockerfile', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      `${JSON.stringify({
        version: 1,
        scans: [
          {
            image: 'alpine:3.10',
            digest: 'sha256:451eee8bedcb2f029756dc3e9d73bab0e7943c1ac55cff3a4861c52a0fdd3e98',
            engine: 'trivy',
            os: { family: 'alpine', version: '3.10.9' },
            vulnerabilities: [ALPINE_310_VULNERABILITY],
            findings: [],
            // `FROM alpine:${ALPINE}` on line 5: the image text spans characters 5–21.
            locations: [{ file: 'Dockerfile', range: { start: { line: 5, character: 5 }, end: { line: 5, character: 21 } } }],
          },
        ],
      })}\n`,
    );
  });

  it('leaves locations out without --dockerfile', async () => {
    const run = await runCli(['scan', '--report', 'trivy.json', '--format', 'json'], { cwd: project.dir });
    const scan = (JSON.parse(run.stdout) as { scans: JsonScan[] }).scans[0]!;
    assert.deepEqual(Object.keys(scan), ['image', 'digest', 'engine', 'os', 'vulnerabilities', 'findings']);
  });

  it('writes SARIF whose results point at the FROM line', async () => {
    const run = await runCli(['scan', '--report', 'trivy.json', '--dockerfile', 'Dockerfile', '--format', 'sarif'], { cwd: project.dir });
    assert.equal(run.code, 1);
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string; properties: Record<string, unknown> }[] } }; results: Record<string, unknown>[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const [runResult] = sarif.runs;
    assert.equal(runResult?.tool.driver.name, 'seaworthy');
    assert.deepEqual(runResult?.tool.driver.rules.map((r) => [r.id, r.properties['security-severity']]), [['CVE-2021-36159', '9.5']]);
    assert.deepEqual(runResult?.results, [
      {
        ruleId: 'CVE-2021-36159',
        ruleIndex: 0,
        level: 'error',
        message: {
          text: 'apk-tools 2.10.6-r0 in alpine:3.10 has CVE-2021-36159 (critical; fixed in 2.10.7-r0): libfetch: an out of boundary read while libfetch uses strtol to parse the relevant numbers into address bytes leads to information leak or crash',
        },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 6, endLine: 6, endColumn: 22 } } }],
        properties: { image: 'alpine:3.10', engine: 'trivy', package: 'apk-tools', installedVersion: '2.10.6-r0', fixedVersion: '2.10.7-r0' },
      },
    ]);
  });

  it('puts a report of an image no FROM names on the final stage, and says so', async () => {
    const run = await runCli(['scan', '--report', 'grype.json', '--dockerfile', 'Dockerfile', '--format', 'json'], { cwd: project.dir });
    const scan = (JSON.parse(run.stdout) as { scans: JsonScan[] }).scans[0]!;
    assert.deepEqual(scan.locations?.map((l) => l.range.start), [{ line: 5, character: 5 }]);
    assert.equal(run.stderr, "seaworthy: Dockerfile: no FROM line names user-input; reported against line 6 (FROM alpine:3.10), the final stage's base image\n");
    const scout = await runCli(['scan', '--report', 'scout.sarif', '--dockerfile', 'Dockerfile', '--format', 'json'], { cwd: project.dir });
    assert.match(scout.stderr, /no FROM line names the report's image \(the report does not say which it is\); reported against line 6/);
  });

  it('prints text with the location, one line per vulnerability and a summary', async () => {
    const run = await runCli(['scan', '--report', 'grype.json', '--dockerfile', 'Dockerfile'], { cwd: project.dir });
    assert.equal(
      run.stdout,
      [
        'user-input (grype, centos 8.0, sha256:ca738abb87a8): 1 critical, 1 low',
        '  Dockerfile:6:6',
        '  critical  CVE-1999-0002  package-2 2.2.2 → no fix',
        '  low       CVE-1999-0001  package-1 1.1.1 → 1.2.1, 2.1.3, 3.4.0',
        '',
        '2 vulnerabilities (1 critical, 1 low) in 1 image.',
        '',
      ].join('\n'),
    );
  });

  it('exits by the threshold: 1 at or above it, 0 below; check’s levels are accepted', async () => {
    const at = async (level: string): Promise<number> => (await runCli(['scan', '--report', 'grype.json', '--severity-threshold', level], { cwd: project.dir })).code;
    assert.equal(await at('critical'), 1);
    assert.equal(await at('low'), 1);
    assert.equal(await at('error'), 1);
    const highOnly = await runCli(['scan', '--report', path.join(SCANNERS, 'trivy/centos-7-image.json')], { cwd: project.dir });
    assert.equal(highOnly.code, 1, 'a medium vulnerability meets the default threshold (medium)');
    assert.equal((await runCli(['scan', '--report', path.join(SCANNERS, 'trivy/centos-7-image.json'), '--severity-threshold', 'high'], { cwd: project.dir })).code, 0);
    const clean = await runCli(['scan', '--report', path.join(SCANNERS, 'trivy/sle-micro-5.4-image-no-vulns.json')], { cwd: project.dir });
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /No vulnerabilities found \(1 image\)\./);
  });

  for (const [args, message] of [
    [['scan', '--report', 'missing.json'], /^seaworthy: missing\.json: cannot read the report: no such file or directory$/],
    [['scan', '--report', 'garbage.json'], /^seaworthy: garbage\.json: cannot import the report: not JSON \(/],
    [['scan', '--report', 'notes.txt'], /^seaworthy: notes\.txt: cannot import the report: not JSON/],
    [['scan', '--report', 'grype.json', '--report-format', 'trivy'], /^seaworthy: grype\.json: cannot import the report: this looks like a grype report, not trivy$/],
    [['scan', '--report', 'trivy.json', '--dockerfile', 'nope/Dockerfile'], /^seaworthy: nope\/Dockerfile: cannot read the Dockerfile: no such file or directory$/],
    [['scan', '--report', 'trivy.json', '--format', 'cyclonedx'], /^seaworthy: --format cyclonedx lists the package inventory/],
  ] as const) {
    it(`exits 2 and says why: ${args.slice(1).join(' ')}`, async () => {
      const run = await runCli(args, { cwd: project.dir });
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr.split('\n')[0] ?? '', message);
    });
  }

  for (const [args, message] of [
    [['scan'], /name an image to scan, a Dockerfile whose images to scan \(--dockerfile PATH\), or a report to import \(--report FILE\)/],
    [['scan', 'alpine:3.20', '--report', 'trivy.json'], /give images to scan or --report, not both/],
    [['scan', '--report', 'trivy.json', '--engine', 'grype'], /'--engine' does not apply to an imported report/],
    [['scan', 'alpine:3.20', '--report-format', 'grype'], /'--report-format' needs '--report FILE'/],
    [['scan', '--report', 'trivy.json', '--severity-threshold', 'severe'], /invalid value 'severe' for '--severity-threshold'/],
    [['scan', '--report', 'trivy.json', '--report-format', 'scout'], /invalid value 'scout' for '--report-format'/],
    [['scan', 'alpine:3.20', '--platform', 'amd64'], /expected OS\/ARCH\[\/VARIANT\]/],
  ] as const) {
    it(`exits 2 with the usage for: seaworthy ${args.join(' ')}`, async () => {
      const run = await runCli(args, { cwd: project.dir });
      assert.equal(run.code, 2);
      assert.match(run.stderr.split('\n')[0] ?? '', message);
      assert.match(run.stderr, /Usage: seaworthy scan/);
    });
  }
});

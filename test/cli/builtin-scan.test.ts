import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as path from 'node:path';
import { FIXTURES } from '../support/paths';
import { buildImage, cleanImage, insecureImage, privateKeyPem, writeDockerArchive, writeOciLayout } from '../support/testImages';
import { zipArchive } from '../support/zipFile';
import { runCli, tempProject, type TempProject } from './cliHarness';
import { bomPackages, SCAN_JSON_KEYS } from '../support/cycloneDx';

interface JsonScan {
  image: string;
  digest: string | null;
  engine: string;
  os: { family: string; version: string } | null;
  vulnerabilities: unknown[];
  findings: { ruleId: string; severity: string; message: string; path: string | null }[];
}

const OSV_DEBIAN_12 = path.join(FIXTURES, 'osv', 'debian-12');

const INSECURE_FINDINGS = [
  ['image-env-secret', 'high', null],
  ['image-history-secret', 'high', null],
  ['image-os-end-of-life', 'high', '/etc/os-release'],
  ['image-private-key', 'high', '/app/deploy_key'],
  ['image-private-key', 'high', '/app/server.key'],
  ['image-runs-as-root', 'high', null],
  ['image-exposes-sensitive-port', 'medium', null],
  ['image-setuid-file', 'medium', '/usr/bin/passwd'],
  ['image-world-writable-file', 'medium', '/app/data/cache.db'],
  ['image-package-manager-present', 'low', '/usr/bin/apt-get'],
  ['image-shell-present', 'low', '/bin/sh'],
];
/** Without an OSV database the scan says so as a finding of its own, at `info`. */
const NOT_CHECKED = ['vulnerabilities-not-checked', 'info', null];

describe('seaworthy scan with the built-in engine (images built at test time)', () => {
  let project: TempProject;
  const key = privateKeyPem();
  before(async () => {
    project = tempProject({});
    const insecure = await buildImage(insecureImage(key));
    writeOciLayout(project.path('layout'), { '1.0': insecure, clean: await buildImage(cleanImage()) });
    await writeDockerArchive(project.path('app.tar'), insecure, 'app:1.0');
  });
  after(() => project.dispose());

  for (const reference of ['oci:layout:1.0', 'docker-archive:app.tar']) {
    it(`finds the root user, secrets, key files, setuid file and end-of-life OS in ${reference.split(':')[0]}, and lists the packages`, async () => {
      const run = await runCli(['scan', reference, '--engine', 'builtin', '--format', 'json'], { cwd: project.dir });
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.stderr, '');
      const scan = (JSON.parse(run.stdout) as { scans: JsonScan[] }).scans[0] as JsonScan;
      assert.equal(scan.engine, 'builtin');
      assert.equal(scan.image, reference);
      assert.deepEqual(scan.os, { family: 'debian', version: '12' });
      assert.deepEqual(scan.findings.map((f) => [f.ruleId, f.severity, f.path]), [...INSECURE_FINDINGS, NOT_CHECKED]);
      const messages = scan.findings.map((f) => f.message).join('\n');
      assert.match(messages, /\/app\/deploy_key holds a private key in layer 2; a later layer deleted or replaced it/);
      assert.match(messages, /Debian 12 \(bookworm\) reached its end of life on 2026-06-10/);
      // Secret values never reach the output.
      assert.ok(!run.stdout.includes('Zq8w-r4nd0m-S3cret') && !run.stdout.includes('npm_Abc123Secret456') && !run.stdout.includes('PRIVATE KEY'), 'no secret value in the output');
      assert.deepEqual(Object.keys(scan), SCAN_JSON_KEYS);
      const bom = await runCli(['scan', reference, '--engine', 'builtin', '--format', 'cyclonedx'], { cwd: project.dir });
      assert.deepEqual(bomPackages(bom.stdout), [
        'deb:apt@2.6.1',
        'deb:base-files@12.4+deb12u5',
        'deb:bash@5.2.15-2+b2',
        'deb:dpkg@1.21.22',
        'deb:libc6@2.36-9+deb12u4',
        'deb:libssl3@3.0.11-1~deb12u2',
      ]);
      assert.equal(scan.digest === null, reference.startsWith('docker-archive:'));
    });
  }

  it('reports only the unchecked vulnerabilities on the clean non-root image (exit 0), and auto picks the built-in engine for local forms', async () => {
    const run = await runCli(['scan', 'oci:layout:clean', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.code, 0, run.stderr);
    const scan = (JSON.parse(run.stdout) as { scans: JsonScan[] }).scans[0] as JsonScan;
    assert.deepEqual([scan.engine, scan.os, scan.findings.map((f) => [f.ruleId, f.severity, f.path])], ['builtin', null, [NOT_CHECKED]]);
    assert.deepEqual(Object.keys(scan), SCAN_JSON_KEYS);
  });

  it('says vulnerabilities were not checked as an info finding inside the JSON contract, below every threshold', async () => {
    const run = await runCli(['scan', 'oci:layout:clean', '--format', 'json', '--severity-threshold', 'unknown'], { cwd: project.dir });
    assert.equal(run.code, 0, 'the lowest threshold is not reached by an info note');
    const report = JSON.parse(run.stdout) as { scans: JsonScan[] };
    assert.deepEqual(Object.keys(report), ['version', 'scans']);
    const scan = report.scans[0] as JsonScan;
    // The contract's keys, exactly.
    assert.deepEqual(Object.keys(scan), SCAN_JSON_KEYS);
    assert.deepEqual(scan.vulnerabilities, []);
    assert.deepEqual(scan.findings, [
      {
        ruleId: 'vulnerabilities-not-checked',
        severity: 'info',
        message: "Vulnerabilities were not checked: the built-in scanner has no OSV database. Give one with --osv-db PATH (CLI) or the setting seaworthy.scan.osvDatabase (a folder of OSV records or osv.dev's all.zip exports).",
        path: null,
      },
    ]);
    // SARIF shows it the same way: a note with its rule, never an alert GitHub ranks.
    const sarif = await runCli(['scan', 'oci:layout:clean', '--format', 'sarif'], { cwd: project.dir });
    assert.equal(sarif.code, 0, sarif.stderr);
    const run0 = (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string; properties?: Record<string, unknown> }[] } }; results: { ruleId: string; level: string; message: { text: string } }[] }[] }).runs[0];
    assert.deepEqual(run0?.results.map((r) => [r.ruleId, r.level]), [['vulnerabilities-not-checked', 'note']]);
    assert.match(run0?.results[0]?.message.text ?? '', /Vulnerabilities were not checked: the built-in scanner has no OSV database/);
    assert.equal(run0?.tool.driver.rules[0]?.properties?.['security-severity'], undefined);
  });

  it('says in text that vulnerabilities were not checked, never "No vulnerabilities found"', async () => {
    const run = await runCli(['scan', 'oci:layout:clean', '--format', 'text'], { cwd: project.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^oci:layout:clean \(builtin, sha256:[0-9a-f]{12}\): vulnerabilities not checked; 1 info finding$/m);
    assert.match(run.stdout, /^ {2}info {6}vulnerabilities-not-checked {2}Vulnerabilities were not checked: the built-in scanner has no OSV database\. Give one with --osv-db PATH/m);
    assert.match(run.stdout, /Vulnerabilities not checked \(1 image\): the built-in scanner had no OSV database; give one with --osv-db PATH/);
    assert.doesNotMatch(run.stdout, /No vulnerabilities found/);
  });

  it('matches the packages against an OSV database (--osv-db: a folder of records, or an all.zip)', async () => {
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(OSV_DEBIAN_12)) files[name] = fs.readFileSync(path.join(OSV_DEBIAN_12, name), 'utf8');
    fs.writeFileSync(project.path('Debian-all.zip'), zipArchive(files) as unknown as Uint8Array);
    for (const db of [OSV_DEBIAN_12, 'Debian-all.zip']) {
      const run = await runCli(['scan', 'oci:layout:1.0', '--engine', 'builtin', '--format', 'json', '--osv-db', db], { cwd: project.dir });
      assert.equal(run.code, 1, run.stderr);
      const scan = (JSON.parse(run.stdout) as { scans: JsonScan[] }).scans[0] as JsonScan;
      assert.deepEqual(scan.vulnerabilities, [
        {
          id: 'DEBIAN-CVE-2024-0727',
          package: 'libssl3',
          installedVersion: '3.0.11-1~deb12u2',
          fixedVersion: '3.0.13-1~deb12u1',
          severity: 'medium',
          title: 'Processing a maliciously formatted PKCS12 file may lead OpenSSL to crash leading to a potential Denial of Service attack.',
          url: 'https://security-tracker.debian.org/tracker/CVE-2024-0727',
        },
        {
          id: 'DEBIAN-CVE-2022-3715',
          package: 'bash',
          installedVersion: '5.2.15-2+b2',
          fixedVersion: null,
          severity: 'low',
          title: 'A flaw was found in the bash package, where a heap-buffer overflow can occur in valid parameter_transform.',
          url: 'https://security-tracker.debian.org/tracker/CVE-2022-3715',
        },
      ]);
      assert.deepEqual(scan.findings.map((f) => [f.ruleId, f.severity, f.path]), INSECURE_FINDINGS, 'the findings stay as they were');
    }
    // With a database, a clean result is a real "no vulnerabilities".
    const clean = await runCli(['scan', 'oci:layout:clean', '--osv-db', OSV_DEBIAN_12], { cwd: project.dir });
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, /^oci:layout:clean \(builtin, sha256:[0-9a-f]{12}\): no vulnerabilities$/m);
    assert.match(clean.stdout, /No vulnerabilities found \(1 image\)\.\n$/);
    const text = await runCli(['scan', 'oci:layout:1.0', '--engine', 'builtin', '--osv-db', 'Debian-all.zip'], { cwd: project.dir });
    assert.match(text.stdout, /^ {2}medium {4}DEBIAN-CVE-2024-0727 +libssl3 3\.0\.11-1~deb12u2 → 3\.0\.13-1~deb12u1 /m);
  });

  it('refuses an --osv-db that does not exist, or one given to an external engine', async () => {
    const missing = await runCli(['scan', 'oci:layout:1.0', '--osv-db', 'nowhere'], { cwd: project.dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nowhere: the OSV database does not exist \(give a folder of OSV JSON files, or an ecosystem's all\.zip\)/);
    assert.equal(missing.stdout, '');
    const trivy = await runCli(['scan', 'alpine:3.19', '--engine', 'trivy', '--osv-db', OSV_DEBIAN_12], { cwd: project.dir });
    assert.equal(trivy.code, 2);
    assert.match(trivy.stderr, /--osv-db is read by the built-in engine only; trivy uses its own vulnerability database/);
  });

  it('writes a CycloneDX SBOM that scan --report reads back', async () => {
    const run = await runCli(['scan', 'oci:layout:1.0', '--engine', 'builtin', '--format', 'cyclonedx'], { cwd: project.dir });
    const bom = JSON.parse(run.stdout) as { bomFormat: string; specVersion: string; metadata: { component: { name: string } }; components: { type: string; name: string; purl?: string }[] };
    assert.equal(bom.bomFormat, 'CycloneDX');
    assert.equal(bom.metadata.component.name, 'oci:layout:1.0');
    assert.deepEqual(bom.components.slice(0, 3).map((c) => c.purl ?? `${c.type}:${c.name}`), [
      'operating-system:debian',
      'pkg:deb/debian/apt@2.6.1?arch=amd64&distro=debian-12',
      'pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12',
    ]);
    // The BOM is a file a user keeps: it reads back as a report.
    fs.writeFileSync(project.path('bom.json'), run.stdout);
    const back = await runCli(['scan', '--report', 'bom.json', '--format', 'json'], { cwd: project.dir });
    const scan = (JSON.parse(back.stdout) as { scans: JsonScan[] }).scans[0] as JsonScan;
    assert.deepEqual([scan.engine, scan.image, scan.os], ['builtin', 'oci:layout:1.0', { family: 'debian', version: '12' }]);
  });

  it('explains what it cannot read: a missing layout, a tag it lacks, an external engine asked for a local form', async () => {
    const missing = await runCli(['scan', 'oci:nowhere:1.0', '--engine', 'builtin'], { cwd: project.dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /oci:nowhere:1\.0: cannot scan oci:nowhere:1\.0: nowhere is not an OCI image layout \(it has no oci-layout file\): the folder does not exist/);
    const tag = await runCli(['scan', 'oci:layout:2.0', '--engine', 'builtin'], { cwd: project.dir });
    assert.match(tag.stderr, /layout has no image tagged '2\.0'; it has 1\.0, clean/);
    const trivy = await runCli(['scan', 'docker-archive:app.tar', '--engine', 'trivy'], { cwd: project.dir });
    assert.match(trivy.stderr, /docker-archive:app\.tar is a local image form that the built-in engine reads: scan it with --engine builtin \(or auto\)/);
  });
});

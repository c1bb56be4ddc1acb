import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { severityCounts, type ImageScan, type ScanSeverity } from '../../server/src/scan/model';
import { detectReportFormat, parseReport, ReportError, type ReportFormat } from '../../server/src/scan/reports/reportFormat';
import { ALPINE_310_VULNERABILITY, SCANNERS } from '../support/scanFixtures';
const read = (name: string): string => fs.readFileSync(path.join(SCANNERS, name), 'utf8');
const only = (name: string): ImageScan => {
  const scans = parseReport(read(name));
  assert.equal(scans.length, 1);
  return scans[0]!;
};
type Counts = Partial<Record<ScanSeverity, number>>;
const counts = (scan: ImageScan): Counts => Object.fromEntries(Object.entries(severityCounts(scan.vulnerabilities)).filter(([, n]) => n > 0));

/**
 * Every recorded report with what its README (and the report itself) says it holds: format,
 * engine, image, OS and the vulnerabilities by severity. The parser must find the same number
 * the scanner reported, at the same severities.
 */
const RECORDED: { file: string; format: ReportFormat; engine: string; image: string; os: string | null; counts: Counts; findings?: number }[] = [
  { file: 'trivy/alpine-3.9-image.json', format: 'trivy', engine: 'trivy', image: 'testdata/fixtures/images/alpine-39.tar.gz', os: 'alpine 3.9.4', counts: { critical: 2, medium: 4 } },
  { file: 'trivy/debian-10-buster-image.json', format: 'trivy', engine: 'trivy', image: 'testdata/fixtures/images/debian-buster.tar.gz', os: 'debian 10.1', counts: { critical: 1, low: 1 } },
  { file: 'trivy/centos-7-image.json', format: 'trivy', engine: 'trivy', image: 'testdata/fixtures/images/centos-7.tar.gz', os: 'centos 7.6.1810', counts: { medium: 1, low: 2 } },
  { file: 'trivy/ubuntu-18.04-image.json', format: 'trivy', engine: 'trivy', image: 'testdata/fixtures/images/ubuntu-1804.tar.gz', os: 'ubuntu 18.04', counts: { medium: 4, low: 1 } },
  { file: 'trivy/alpine-distroless-image-no-cvss.json', format: 'trivy', engine: 'trivy', image: 'testdata/fixtures/images/alpine-distroless.tar.gz', os: 'alpine 3.16', counts: { medium: 1 } },
  { file: 'trivy/sle-micro-5.4-image-no-vulns.json', format: 'trivy', engine: 'trivy', image: 'testdata/fixtures/images/sle-micro-rancher-5.4_ndb.tar.gz', os: 'slem 5.4', counts: {} },
  { file: 'trivy/alpine-3.9-image-no-results.json', format: 'trivy', engine: 'trivy', image: 'testdata/fixtures/images/alpine-39.tar.gz', os: null, counts: {} },
  { file: 'trivy/fluentd-image-os-and-gems.json', format: 'trivy', engine: 'trivy', image: 'testdata/fixtures/images/fluentd-multiple-lockfiles.tar.gz', os: 'debian 10.2', counts: { critical: 1, high: 1 } },
  { file: 'trivy/spring4shell-jre11-image-jar-custom.json', format: 'trivy', engine: 'trivy', image: 'testdata/fixtures/images/spring4shell-jre11.tar.gz', os: 'debian 11.3', counts: { critical: 1 } },
  { file: 'trivy/dockerfile-repo-misconfig.json', format: 'trivy', engine: 'trivy', image: 'testdata/fixtures/repo/dockerfile', os: null, counts: {}, findings: 1 },
  { file: 'trivy/alpine-3.10-image-trivy-0.72.0.json', format: 'trivy', engine: 'trivy', image: 'alpine:3.10', os: 'alpine 3.10.9', counts: { critical: 1 } },
  // os-pkgs 3/17/69/78/1 plus python-pkg 10 high, 21 medium, 3 low.
  { file: 'trivy/flask-api-debian-13-image-trivy-0.70.0-large.json', format: 'trivy', engine: 'trivy', image: 'flask-api:test', os: 'debian 13.1', counts: { critical: 3, high: 27, medium: 90, low: 81, unknown: 1 } },
  { file: 'trivy/debian-10-image-all-statuses-edited.json', format: 'trivy', engine: 'trivy', image: '', os: 'debian 10.13', counts: { low: 8 } },
  { file: 'trivy/legacy-array-format-debian-10.json', format: 'trivy', engine: 'trivy', image: 'debian', os: 'debian 10.8', counts: { high: 18, medium: 9, low: 65, unknown: 1 } },
  { file: 'trivy/alpine-3.10-image.sarif', format: 'sarif', engine: 'trivy', image: 'testdata/fixtures/images/alpine-310.tar.gz', os: null, counts: { medium: 4 } },
  { file: 'trivy/fluentd-image.cdx.json', format: 'cyclonedx', engine: 'trivy', image: 'integration/testdata/fixtures/images/fluentd-multiple-lockfiles.tar.gz', os: 'debian 10.2', counts: { critical: 1, high: 1, low: 1 } },
  { file: 'grype/presenter-snapshot-image.json', format: 'grype', engine: 'grype', image: 'user-input', os: 'centos 8.0', counts: { critical: 1, low: 1 } },
  { file: 'grype/presenter-snapshot-empty.json', format: 'grype', engine: 'grype', image: 'unknown', os: 'centos 8.0', counts: {} },
  { file: 'grype/presenter-snapshot-image.sarif', format: 'sarif', engine: 'grype', image: 'user-input', os: null, counts: { critical: 1, low: 1 } },
  { file: 'grype/presenter-snapshot-image.cdx.json', format: 'cyclonedx', engine: 'grype', image: 'user-input', os: null, counts: { critical: 1, low: 1 } },
  { file: 'grype/busybox-1.32.1-image-grype-0.94.0.json', format: 'grype', engine: 'grype', image: 'busybox:1.32.1', os: 'busybox 1.32.1', counts: { critical: 1, high: 10, medium: 2, low: 2 } },
  // 35 matches, one without a severity key.
  { file: 'grype/rhel8-kafka-connect-image-missing-severity.json', format: 'grype', engine: 'grype', image: 'quay.io/cloudservices/xjoin-kafka-connect-strimzi:latest', os: 'redhat 8.7', counts: { critical: 1, high: 18, medium: 13, low: 2, unknown: 1 } },
  // Negligible counts as low.
  { file: 'grype/debian-10-image-grype-0.28.0-edited.json', format: 'grype', engine: 'grype', image: 'vulnerable-image:latest', os: 'debian 10', counts: { critical: 2, high: 3, low: 1 } },
  { file: 'grype/directory-scan-grype-0.24.0.json', format: 'grype', engine: 'grype', image: '.', os: null, counts: { critical: 2, high: 2, medium: 5 } },
  { file: 'grype/busybox-image-no-vulns-grype-0.7.0.json', format: 'grype', engine: 'grype', image: 'busybox:latest', os: 'busybox 1.32.1', counts: {} },
];

describe('scanner reports: every recorded fixture', () => {
  it('covers every file in the fixture folders', () => {
    const files = ['trivy', 'grype'].flatMap((dir) => fs.readdirSync(path.join(SCANNERS, dir)).map((f) => `${dir}/${f}`));
    assert.deepEqual(files.sort(), RECORDED.map((r) => r.file).sort());
  });

  for (const expected of RECORDED) {
    it(`${expected.file}: ${expected.format}, ${expected.engine}, the same vulnerabilities by severity`, () => {
      const text = read(expected.file);
      assert.equal(detectReportFormat(JSON.parse(text)), expected.format);
      const scan = only(expected.file);
      assert.equal(scan.engine, expected.engine);
      assert.equal(scan.image, expected.image);
      assert.equal(scan.os ? `${scan.os.family} ${scan.os.version}` : null, expected.os);
      assert.deepEqual(counts(scan), expected.counts);
      assert.equal(scan.findings.length, expected.findings ?? 0);
      for (const v of scan.vulnerabilities) {
        assert.ok(v.id !== '' && v.package !== '', `${v.id} ${v.package}`);
        assert.ok(v.fixedVersion === null || v.fixedVersion !== '');
        assert.ok(v.url === null || /^https?:\/\//.test(v.url), v.url ?? '');
      }
      // Equal to the report read with its format named.
      assert.deepEqual(parseReport(text, expected.format), [scan]);
    });
  }
});

describe('scanner reports: every model field', () => {
  it('Trivy JSON: a fixed vulnerability, the repo digest and the OS', () => {
    const scan = only('trivy/alpine-3.10-image-trivy-0.72.0.json');
    assert.equal(scan.digest, 'sha256:451eee8bedcb2f029756dc3e9d73bab0e7943c1ac55cff3a4861c52a0fdd3e98');
    assert.deepEqual(scan.os, { family: 'alpine', version: '3.10.9' });
    assert.deepEqual(scan.vulnerabilities, [ALPINE_310_VULNERABILITY]);
  });

  it('Trivy JSON: no FixedVersion is null, comma-separated alternatives are kept, an RPM epoch is kept', () => {
    const buster = only('trivy/debian-10-buster-image.json').vulnerabilities;
    assert.deepEqual(
      buster.map((v) => [v.id, v.package, v.installedVersion, v.fixedVersion, v.severity]),
      [
        ['CVE-2019-18224', 'libidn2-0', '2.0.5-1', '2.0.5-1+deb10u1', 'critical'],
        ['CVE-2019-18276', 'bash', '5.0-4', null, 'low'],
      ],
    );
    const gem = only('trivy/fluentd-image-os-and-gems.json').vulnerabilities.find((v) => v.package === 'activesupport');
    assert.equal(gem?.fixedVersion, '6.0.3.1, 5.2.4.3');
    const centos = only('trivy/centos-7-image.json').vulnerabilities;
    assert.deepEqual(centos[0], {
      id: 'CVE-2019-1559',
      package: 'openssl-libs',
      installedVersion: '1:1.0.2k-16.el7',
      fixedVersion: '1:1.0.2k-19.el7',
      severity: 'medium',
      title: 'openssl: 0-byte record padding oracle',
      url: 'https://avd.aquasec.com/nvd/cve-2019-1559',
    });
    assert.ok(centos.some((v) => v.fixedVersion === null), 'will_not_fix has no fixed version');
  });

  it('Trivy JSON: a vulnerability without a Title takes the start of its description', () => {
    const untitled = only('trivy/alpine-3.9-image.json').vulnerabilities.find((v) => v.id === 'CVE-2019-14697');
    assert.equal(untitled?.title, 'musl libc through 1.1.23 has an x87 floating-point stack adjustment imbalance, related to the math/i386/ directory. In…');
    assert.ok((untitled?.title.length ?? 0) <= 120);
  });

  it('Trivy JSON: a Java package keeps its group:artifact name; Debian TEMP ids are kept', () => {
    const spring = only('trivy/spring4shell-jre11-image-jar-custom.json').vulnerabilities[0];
    assert.deepEqual([spring?.id, spring?.package, spring?.installedVersion, spring?.fixedVersion], ['CVE-2022-22965', 'org.springframework:spring-beans', '5.3.15', '5.3.18']);
    const large = only('trivy/flask-api-debian-13-image-trivy-0.70.0-large.json').vulnerabilities;
    assert.ok(large.some((v) => v.id.startsWith('TEMP-')));
    assert.equal(only('trivy/flask-api-debian-13-image-trivy-0.70.0-large.json').digest, null, 'a local build has no repo digest');
  });

  it('Trivy JSON: a failed misconfiguration is a finding', () => {
    assert.deepEqual(only('trivy/dockerfile-repo-misconfig.json').findings, [
      { ruleId: 'DS-0002', severity: 'high', message: 'Specify at least 1 USER command in Dockerfile with non-root user as argument', path: 'Dockerfile' },
    ]);
  });

  it('Trivy JSON: secrets are findings with their line (shape from the Trivy README notes)', () => {
    const report = {
      SchemaVersion: 2,
      ArtifactName: 'app:1.0',
      Results: [{ Target: '/app/.env', Class: 'secret', Secrets: [{ RuleID: 'aws-access-key-id', Severity: 'CRITICAL', Title: 'AWS Access Key ID', StartLine: 3 }] }],
    };
    assert.deepEqual(parseReport(JSON.stringify(report))[0]?.findings, [
      { ruleId: 'aws-access-key-id', severity: 'critical', message: 'AWS Access Key ID (line 3)', path: '/app/.env' },
    ]);
  });

  it('legacy Trivy array: image and OS from the OS target', () => {
    const scan = only('trivy/legacy-array-format-debian-10.json');
    assert.equal(scan.digest, null);
    const apt = scan.vulnerabilities.find((v) => v.id === 'CVE-2011-3374');
    assert.deepEqual(apt, {
      id: 'CVE-2011-3374',
      package: 'apt',
      installedVersion: '1.8.2.2',
      fixedVersion: null,
      severity: 'low',
      title: 'It was found that apt-key in apt, all versions, do not correctly validate gpg keys with the master keyring, leading to…',
      url: 'https://avd.aquasec.com/nvd/cve-2011-3374',
    });
  });

  it('Trivy SARIF: package and versions from the result message, title and link from the rule', () => {
    const scan = only('trivy/alpine-3.10-image.sarif');
    assert.equal(scan.digest, null, 'repoDigests is null');
    assert.deepEqual(scan.vulnerabilities[0], {
      id: 'CVE-2019-1549',
      package: 'libcrypto1.1',
      installedVersion: '1.1.1c-r0',
      fixedVersion: '1.1.1d-r0',
      severity: 'medium',
      title: 'openssl: information disclosure in fork()',
      url: 'https://avd.aquasec.com/nvd/cve-2019-1549',
    });
  });

  it('Trivy CycloneDX: one vulnerability per affected component, the source’s own rating, the fix from the recommendation', () => {
    const scan = only('trivy/fluentd-image.cdx.json');
    assert.deepEqual(
      scan.vulnerabilities.map((v) => [v.id, v.package, v.installedVersion, v.fixedVersion, v.severity, v.url]),
      [
        // No `debian` rating: NVD's CVSS v3.1 one, as Trivy's JSON says (CRITICAL, SeveritySource nvd).
        ['CVE-2019-18224', 'libidn2-0', '2.0.5-1', '2.0.5-1+deb10u1', 'critical', 'https://avd.aquasec.com/nvd/cve-2019-18224'],
        ['CVE-2020-8165', 'activesupport', '6.0.2.1', '6.0.3.1, 5.2.4.3', 'high', 'https://avd.aquasec.com/nvd/cve-2020-8165'],
        // The `debian` rating says low although NVD says high.
        ['CVE-2019-18276', 'bash', '5.0-4', null, 'low', 'https://avd.aquasec.com/nvd/cve-2019-18276'],
      ],
    );
    assert.equal(scan.vulnerabilities[0]?.title, 'idn2_to_ascii_4i in lib/lookup.c in GNU libidn2 before 2.1.1 has a heap-based buffer overflow via a long domain string.');
  });

  it('Grype JSON: fix alternatives, no title but the description, the data source as link', () => {
    const scan = only('grype/presenter-snapshot-image.json');
    assert.equal(scan.digest, 'sha256:ca738abb87a8d58f112d3400ebb079b61ceae7dc290beb34bda735be4b1941d5');
    assert.deepEqual(scan.vulnerabilities, [
      { id: 'CVE-1999-0002', package: 'package-2', installedVersion: '2.2.2', fixedVersion: null, severity: 'critical', title: '', url: null },
      { id: 'CVE-1999-0001', package: 'package-1', installedVersion: '1.1.1', fixedVersion: '1.2.1, 2.1.3, 3.4.0', severity: 'low', title: '', url: null },
    ]);
    const busybox = only('grype/busybox-1.32.1-image-grype-0.94.0.json');
    assert.equal(busybox.digest, 'sha256:ae39a6f5c07297d7ab64dbd4f82c77c874cc6a94cea29fdec309d0992574b4f7');
    const first = busybox.vulnerabilities[0];
    assert.deepEqual([first?.id, first?.package, first?.installedVersion, first?.fixedVersion, first?.url], ['CVE-2022-48174', 'busybox', '1.32.1', null, 'https://nvd.nist.gov/vuln/detail/CVE-2022-48174']);
    assert.match(first?.title ?? '', /^There is a stack overflow vulnerability in ash\.c:6030 in busybox before 1\.35\./);
  });

  it('Grype JSON: a missing severity is unknown, wont-fix has no fixed version, Negligible is low', () => {
    const rhel = only('grype/rhel8-kafka-connect-image-missing-severity.json');
    const unknown = rhel.vulnerabilities.filter((v) => v.severity === 'unknown');
    assert.deepEqual(unknown.map((v) => [v.id, v.package, v.installedVersion, v.fixedVersion]), [['CVE-2024-26308', 'commons-compress', '1.21', '1.26.0']]);
    const edited = only('grype/debian-10-image-grype-0.28.0-edited.json').vulnerabilities;
    assert.equal(edited.find((v) => v.package === 'redis')?.fixedVersion, null, 'state wont-fix, whatever the versions say');
    assert.equal(edited.find((v) => v.package === 'Django')?.fixedVersion, '3.2.10');
    assert.deepEqual(edited.filter((v) => v.severity === 'low').map((v) => v.id), ['CVE-2004-0971']);
  });

  it('Grype SARIF: the vulnerability id, package and versions from the rule help; the image from the message', () => {
    const scan = only('grype/presenter-snapshot-image.sarif');
    assert.deepEqual(scan.vulnerabilities[1], {
      id: 'CVE-1999-0001',
      package: 'package-1',
      installedVersion: '1.1.1',
      fixedVersion: '1.2.1, 2.1.3, 3.4.0',
      severity: 'low',
      title: 'CVE-1999-0001 low vulnerability for package-1 package',
      url: null,
    });
  });

  it('Grype CycloneDX: EPSS and KEV ratings are not severities', () => {
    const scan = only('grype/presenter-snapshot-image.cdx.json');
    assert.deepEqual(
      scan.vulnerabilities.map((v) => [v.id, v.package, v.installedVersion, v.severity, v.fixedVersion]),
      [
        ['CVE-1999-0002', 'package-2', '2.2.2', 'critical', null],
        ['CVE-1999-0001', 'package-1', '1.1.1', 'low', null],
      ],
    );
  });

  it('Docker Scout SARIF (written from the format notes, no recorded run exists): per-package data from each result', () => {
    const scan = only('docker-scout/written-from-notes.sarif');
    assert.equal(scan.engine, 'docker-scout');
    assert.equal(scan.image, '', 'Scout does not name the image');
    assert.deepEqual(scan.os, { family: 'debian', version: '12' });
    assert.deepEqual(
      scan.vulnerabilities.map((v) => [v.id, v.package, v.installedVersion, v.fixedVersion, v.severity]),
      [
        ['CVE-2024-21538', 'cross-spawn', '7.0.3', null, 'critical'],
        ['CVE-2021-3807', 'ansi-regex', '3.0.0', '3.0.1', 'high'],
        ['CVE-2021-3807', 'ansi-regex', '4.1.0', '4.1.1', 'high'],
        ['CVE-2023-4911', 'glibc', '2.36-9+deb12u1', '2.36-9+deb12u3', 'high'],
      ],
    );
    assert.equal(scan.vulnerabilities[3]?.title, "A buffer overflow was discovered in the GNU C Library's dynamic loader ld.so while processing the GLIBC_TUNABLES…");
    assert.match(scan.vulnerabilities[3]?.url ?? '', /^https:\/\/scout\.docker\.com\/v\/CVE-2023-4911\?/);
  });
});

describe('scanner reports: bad input', () => {
  for (const [text, message, format] of [
    ['', /the report is empty/, undefined],
    ['{"matches": [', /^not JSON/, undefined],
    ['{"hello": 1}', /not a report Seaworthy reads/, undefined],
    ['[1, 2]', /not a report Seaworthy reads/, undefined],
    ['{"SchemaVersion": 3, "Results": []}', /schema 3 is not supported/, undefined],
    ['{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL"}}}]}', /SARIF from 'CodeQL' is not a scanner report/, undefined],
    ['{"bomFormat": "CycloneDX", "metadata": {"tools": [{"name": "syft"}]}}', /CycloneDX from 'syft'/, undefined],
    ['{"matches": []}', /looks like a grype report, not trivy/, 'trivy'],
  ] as const) {
    it(`rejects ${JSON.stringify(text).slice(0, 50)} with a clear message`, () => {
      assert.throws(() => parseReport(text, format), (e: unknown) => e instanceof ReportError && message.test(e.message));
    });
  }

  it('reads a report with a byte-order mark', () => {
    assert.equal(parseReport(`\uFEFF${read('grype/presenter-snapshot-empty.json')}`)[0]?.engine, 'grype');
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ScanPackage } from '../../server/src/scan/model';
import { cvss3BaseScore, cvss4Score } from '../../server/src/scan/builtin/osv/cvss';
import { OsvDatabaseError, readOsvRecords } from '../../server/src/scan/builtin/osv/osvDatabase';
import { affects, matchVulnerabilities, osvEcosystems, severityOf, wantedPackages } from '../../server/src/scan/builtin/osv/osvMatch';
import type { OsvRecord } from '../../server/src/scan/builtin/osv/osvRecord';
import { compareDpkgVersions } from '../../server/src/scan/builtin/osv/dpkgVersion';
import { FIXTURES } from '../support/paths';
import { zipArchive } from '../support/zipFile';

const REAL = path.join(FIXTURES, 'scanners', 'osv');
const DEBIAN_12 = path.join(FIXTURES, 'osv', 'debian-12');
const record = (file: string): OsvRecord => JSON.parse(fs.readFileSync(file, 'utf8')) as OsvRecord;

const pkg = (type: ScanPackage['type'], name: string, version: string, source: string | null = null): ScanPackage => ({ name, version, type, source, architecture: null, foundIn: '/test' });

describe('CVSS 3 base scores', () => {
  it('computes the scores NVD publishes for these vectors', () => {
    const cases: [string, number | null][] = [
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
      ['CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N', 4.7],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H', 6.5],
      ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', null],
      ['AV:N/AC:L/Au:N/C:P/I:P/A:P', null],
    ];
    for (const [vector, score] of cases) assert.equal(cvss3BaseScore(vector), score, vector);
  });
});

describe('CVSS 4 scores', () => {
  // Scores two independent implementations of FIRST's macro-vector method agree on
  // (ae-cvss-calculator, which Seaworthy uses, and @pandatix/js-cvss, checked when this was written);
  // 9.3, 10 and 8.5 are also the scores NVD and GitHub publish for such vectors.
  it('scores complete v4 vectors, and gives null for an incomplete or foreign one', () => {
    const cases: [string, number | null][] = [
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10],
      ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5],
      ['CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 7],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N', 5.1],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N', 5.3],
      ['CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N', 2.1],
      ['CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', 2],
      ['CVSS:4.0/AV:L/AC:H/AT:N/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', 1],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0],
      // With a threat metric: the vector's CVSS-BT score.
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U', 8.1],
      ['CVSS:4.0/AV:N/AC:L', null],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:1', null],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', null],
      ['garbage', null],
    ];
    for (const [vector, score] of cases) assert.equal(cvss4Score(vector), score, vector);
  });

  it('rates a record that carries only a CVSS 4 vector by it', () => {
    const only4 = { id: 'GHSA-test', severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }] } as OsvRecord;
    assert.equal(severityOf(only4), 'critical');
    const both = { id: 'GHSA-test', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N' }, { type: 'CVSS_V4', score: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }] } as OsvRecord;
    assert.equal(severityOf(both), 'high', 'the higher of 4.7 (v3) and 8.5 (v4)');
  });
});

describe('OSV matching', () => {
  it('matches the real Alpine record on the release it names, with its fix and CVSS severity', () => {
    const alpine = record(path.join(REAL, 'CVE-2018-5407-alpine.osv.json'));
    const packages = [pkg('apk', 'libssl1.0', '1.0.2p-r0', 'openssl'), pkg('apk', 'openssl', '1.0.2q-r0')];
    const found = matchVulnerabilities(packages, { id: 'alpine', versionId: '3.8.1' }, [alpine]);
    assert.deepEqual(
      found.map((v) => [v.id, v.package, v.installedVersion, v.fixedVersion, v.severity]),
      [['CVE-2018-5407', 'libssl1.0', '1.0.2p-r0', '1.0.2q-r0', 'medium']],
    );
    assert.match(found[0]?.title ?? '', /^Simultaneous Multi-threading \(SMT\)/);
    // Alpine 3.9 is not among the record's releases: no match there.
    assert.deepEqual(matchVulnerabilities(packages, { id: 'alpine', versionId: '3.9.4' }, [alpine]), []);
  });

  it('matches the real Debian 7 record by dpkg order, with its advisory page', () => {
    const dsa = record(path.join(REAL, 'DSA-3029-1-debian.osv.json'));
    const wheezy = { id: 'debian', versionId: '7' };
    const [hit] = matchVulnerabilities([pkg('deb', 'nginx-common', '1.2.1-2.2+wheezy2', 'nginx')], wheezy, [dsa]);
    assert.deepEqual(hit, {
      id: 'DSA-3029-1',
      package: 'nginx-common',
      installedVersion: '1.2.1-2.2+wheezy2',
      fixedVersion: '1.2.1-2.2+wheezy3',
      severity: 'unknown',
      title: 'nginx - security update',
      url: 'https://www.debian.org/security/2014/dsa-3029',
    });
    assert.deepEqual(matchVulnerabilities([pkg('deb', 'nginx', '1.2.1-2.2+wheezy3')], wheezy, [dsa]), [], 'the fixed version is not affected');
  });

  it('reads ranges as the OSV schema says: re-introduced, last_affected, explicit versions, unreadable versions', () => {
    const order = compareDpkgVersions;
    const ranges = { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.5' }, { introduced: '2.0' }, { fixed: '2.3' }] }] };
    assert.deepEqual(['1.0', '1.5', '1.9', '2.0', '2.2', '2.3'].map((v) => affects(ranges, v, order)?.fixed ?? 'no'), ['1.5', 'no', 'no', '2.3', '2.3', 'no']);
    const last = { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { last_affected: '1.4' }] }] };
    assert.deepEqual(['0.9', '1.0', '1.4', '1.4-1'].map((v) => (affects(last, v, order) ? 'yes' : 'no')), ['no', 'yes', 'yes', 'no']);
    assert.deepEqual(affects({ versions: ['3.1-2'] }, '3.1-2', order), { fixed: null });
    assert.equal(affects({ ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }] }, '1.0', order), null, 'GIT ranges name commits, not versions');
    const npm = { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] };
    assert.equal(matchVulnerabilities([pkg('npm', 'lodash', 'not-a-version')], null, [{ id: 'GHSA-x', affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ...npm }] }]).length, 0, 'an unreadable version matches nothing');
    assert.equal(matchVulnerabilities([pkg('npm', 'lodash', '4.17.20')], null, [{ id: 'GHSA-x', database_specific: { severity: 'MODERATE' }, affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ...npm }] }])[0]?.severity, 'medium');
  });

  it('names the ecosystems of each package world', () => {
    assert.deepEqual(osvEcosystems({ type: 'deb' }, { id: 'debian', versionId: '12' }), ['Debian:12']);
    assert.deepEqual(osvEcosystems({ type: 'deb' }, { id: 'ubuntu', versionId: '22.04' }), ['Ubuntu:22.04', 'Ubuntu:22.04:LTS']);
    assert.deepEqual(osvEcosystems({ type: 'apk' }, { id: 'alpine', versionId: '3.19.1' }), ['Alpine:v3.19']);
    assert.deepEqual(osvEcosystems({ type: 'deb' }, null), [], 'a dpkg package of an unknown OS cannot be matched');
    assert.deepEqual(osvEcosystems({ type: 'pypi' }, null), ['PyPI']);
  });
});

describe('reading an OSV database', () => {
  let dir: string;
  const wanted = wantedPackages([pkg('deb', 'libssl3', '3.0.11-1~deb12u2', 'openssl'), pkg('deb', 'bash', '5.2.15-2+b2')], { id: 'debian', versionId: '12' });
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-osv-'));
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(DEBIAN_12)) files[name] = fs.readFileSync(path.join(DEBIAN_12, name), 'utf8');
    fs.writeFileSync(path.join(dir, 'all.zip'), zipArchive(files) as unknown as Uint8Array);
    fs.writeFileSync(path.join(dir, 'broken.zip'), 'PK\u0003\u0004 not really a zip');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps only the records that name a wanted package, from a folder (nested, with the real records beside)', async () => {
    const folder = path.join(dir, 'folder');
    fs.cpSync(DEBIAN_12, path.join(folder, 'Debian'), { recursive: true });
    fs.cpSync(REAL, path.join(folder, 'other'), { recursive: true });
    const result = await readOsvRecords(folder, wanted);
    assert.deepEqual(result.records.map((r) => r.id).sort(), ['DEBIAN-CVE-2022-3715', 'DEBIAN-CVE-2024-0727', 'DSA-5532-1']);
    assert.equal(result.files, 6);
    assert.equal(result.skipped, 1, 'not-osv.json is skipped');
  });

  it('streams the entries of an all.zip export', async () => {
    const result = await readOsvRecords(path.join(dir, 'all.zip'), wanted);
    assert.deepEqual(result.records.map((r) => r.id).sort(), ['DEBIAN-CVE-2022-3715', 'DEBIAN-CVE-2024-0727', 'DSA-5532-1']);
    const found = matchVulnerabilities([pkg('deb', 'libssl3', '3.0.11-1~deb12u2', 'openssl'), pkg('deb', 'bash', '5.2.15-2+b2')], { id: 'debian', versionId: '12' }, result.records);
    assert.deepEqual(
      found.map((v) => [v.id, v.package, v.fixedVersion, v.severity, v.url]).sort(),
      [
        ['DEBIAN-CVE-2022-3715', 'bash', null, 'low', 'https://security-tracker.debian.org/tracker/CVE-2022-3715'],
        ['DEBIAN-CVE-2024-0727', 'libssl3', '3.0.13-1~deb12u1', 'medium', 'https://security-tracker.debian.org/tracker/CVE-2024-0727'],
      ],
    );
  });

  it('indexes a database once and, until it changes, opens only the records of the wanted packages', async () => {
    const folder = path.join(dir, 'indexed');
    fs.cpSync(DEBIAN_12, folder, { recursive: true });
    // Records of packages the image does not have: read to build the index, not on later reads.
    for (let i = 0; i < 20; i++) {
      fs.writeFileSync(path.join(folder, `OTHER-${i}.json`), JSON.stringify({ id: `OTHER-${i}`, affected: [{ package: { ecosystem: 'Debian:12', name: `pkg${i}` }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }] }));
    }
    const ids = (r: { records: OsvRecord[] }): string[] => r.records.map((x) => x.id).sort();
    const first = await readOsvRecords(folder, wanted);
    assert.deepEqual([ids(first), first.fromIndex, first.parsed, first.files], [['DEBIAN-CVE-2022-3715', 'DEBIAN-CVE-2024-0727', 'DSA-5532-1'], false, 24, 24]);
    const second = await readOsvRecords(folder, wanted);
    assert.deepEqual([ids(second), second.fromIndex, second.parsed, second.files, second.skipped], [ids(first), true, 3, 24, 1]);
    // Another image's packages are found through the same index.
    const other = await readOsvRecords(folder, wantedPackages([pkg('deb', 'pkg7', '1.0')], { id: 'debian', versionId: '12' }));
    assert.deepEqual([ids(other), other.fromIndex, other.parsed], [['OTHER-7'], true, 1]);
    // A record added, or one rewritten, is a change: the index is built again and sees it.
    fs.writeFileSync(path.join(folder, 'NEW-1.json'), JSON.stringify({ id: 'NEW-1', affected: [{ package: { ecosystem: 'Debian:12', name: 'bash' }, versions: ['5.2.15-2+b2'] }] }));
    const added = await readOsvRecords(folder, wanted);
    assert.deepEqual([ids(added), added.fromIndex], [['DEBIAN-CVE-2022-3715', 'DEBIAN-CVE-2024-0727', 'DSA-5532-1', 'NEW-1'], false]);
    const later = new Date(Date.now() + 60_000);
    fs.writeFileSync(path.join(folder, 'NEW-1.json'), JSON.stringify({ id: 'NEW-1', withdrawn: '2026-12-01T00:00:00Z', affected: [{ package: { ecosystem: 'Debian:12', name: 'bash' } }] }));
    fs.utimesSync(path.join(folder, 'NEW-1.json'), later, later);
    const withdrawn = await readOsvRecords(folder, wanted);
    assert.deepEqual([ids(withdrawn), withdrawn.fromIndex], [ids(first), false]);
    // A zip export the same way: the second read decompresses only the wanted entries.
    const zip = path.join(dir, 'all.zip');
    await readOsvRecords(zip, wanted);
    const fromZip = await readOsvRecords(zip, wanted);
    assert.deepEqual([ids(fromZip), fromZip.fromIndex, fromZip.parsed], [ids(first), true, 3]);
  });

  it('reads stored entries and local headers with an extra field, as zip tools write them', async () => {
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(DEBIAN_12)) files[name] = fs.readFileSync(path.join(DEBIAN_12, name), 'utf8');
    const names = Object.keys(files);
    const zip = path.join(dir, 'mixed.zip');
    // Info-ZIP's "UT" timestamp field: id 0x5455, 5 bytes of data.
    const timestamp = Buffer.from([0x55, 0x54, 5, 0, 1, 0, 0, 0, 0]);
    fs.writeFileSync(zip, zipArchive(files, { stored: names.slice(0, 1), localExtra: timestamp }) as unknown as Uint8Array);
    const result = await readOsvRecords(zip, wanted);
    assert.deepEqual(result.records.map((r) => r.id).sort(), ['DEBIAN-CVE-2022-3715', 'DEBIAN-CVE-2024-0727', 'DSA-5532-1']);
  });

  it('names the entry of a zip whose data is damaged, and reads nothing from it', async () => {
    const name = 'DEBIAN-CVE-2024-0727.json';
    const text = fs.readFileSync(path.join(DEBIAN_12, name), 'utf8');
    const archive = zipArchive({ [name]: text });
    // The deflated data starts after the 30-byte local header and the name; garble its middle.
    const start = 30 + name.length;
    const compressedSize = archive.readUInt32LE(18);
    archive.fill(0xff, start + Math.floor(compressedSize / 3), start + Math.floor(compressedSize / 3) + 16);
    const zip = path.join(dir, 'damaged.zip');
    fs.writeFileSync(zip, archive as unknown as Uint8Array);
    await assert.rejects(readOsvRecords(zip, wanted), (e: Error) => e instanceof OsvDatabaseError && e.message.includes(`damaged.zip is damaged at ${name}: `));
  });

  it('says what is wrong with a database it cannot read', async () => {
    await assert.rejects(readOsvRecords(path.join(dir, 'missing'), wanted), (e: Error) => e instanceof OsvDatabaseError && /the OSV database .*missing cannot be read: it does not exist/.test(e.message));
    await assert.rejects(readOsvRecords(path.join(dir, 'broken.zip'), wanted), (e: Error) => e instanceof OsvDatabaseError && /broken\.zip is not a readable zip/.test(e.message));
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(readOsvRecords(path.join(dir, 'all.zip'), wanted, controller.signal), { name: 'AbortError' });
  });
});

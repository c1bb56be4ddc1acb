import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseRpmDatabase } from '../../server/src/scan/builtin/inventory/rpm';
import { SqliteFormatError, sqliteTableRows } from '../../server/src/scan/builtin/inventory/sqliteTable';
import { buildRpmDatabase, rpmQueryAll, rpmSkipReason } from '../support/rpmDatabase';

const skip = rpmSkipReason();
const FOUND_IN = '/var/lib/rpm/rpmdb.sqlite';

/** Sub-packages of `openssl`: enough rows for several leaf pages under an interior page. */
const OPENSSL_SUBPACKAGES = Array.from({ length: 14 }, (_, i) => `openssl-part${String(i).padStart(2, '0')}`);

describe('rpm inventory from a real rpmdb.sqlite (built by rpmbuild and rpm at test time)', { skip: skip ?? false }, () => {
  let dir: string;
  let database: Buffer;
  let root: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-rpmdb-'));
    root = buildRpmDatabase(dir, [
      // A header larger than a 4 KiB page: its blob continues on overflow pages.
      { name: 'openssl', version: '3.0.7', release: '24.el9', epoch: 1, subpackages: OPENSSL_SUBPACKAGES, descriptionBytes: 12_000 },
      { name: 'bash', version: '5.1.8', release: '6.el9_1' },
    ]);
    database = fs.readFileSync(path.join(root, 'var/lib/rpm/rpmdb.sqlite'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists what `rpm -qa` lists: name, epoch:version-release, architecture', () => {
    const packages = parseRpmDatabase(database, FOUND_IN);
    const ours = packages.map((p) => `${p.name} ${p.version} ${p.architecture}`).sort();
    const rpms = rpmQueryAll(root).map((line) => line.split(' ').slice(0, 3).join(' '));
    assert.equal(ours.length, 2 + OPENSSL_SUBPACKAGES.length);
    assert.deepEqual(ours, rpms);
    assert.ok(ours.includes('openssl 1:3.0.7-24.el9 noarch') && ours.includes('bash 5.1.8-6.el9_1 noarch'));
  });

  it('names the source package of a sub-package, from its SOURCERPM', () => {
    const packages = parseRpmDatabase(database, FOUND_IN);
    const sourceOf = (name: string): [string | null, string] | undefined => packages.filter((p) => p.name === name).map((p): [string | null, string] => [p.source, p.foundIn])[0];
    assert.deepEqual(sourceOf('openssl-part03'), ['openssl', FOUND_IN]);
    assert.deepEqual(sourceOf('openssl'), [null, FOUND_IN]);
    assert.deepEqual(sourceOf('bash'), [null, FOUND_IN]);
  });

  it('reads the table across interior, leaf and overflow pages', () => {
    const rows = sqliteTableRows(database, 'Packages');
    const pageSize = database.readUInt16BE(16);
    assert.equal(rows.length, 2 + OPENSSL_SUBPACKAGES.length);
    assert.ok(rows.some((r) => Buffer.isBuffer(r.values[1]) && r.values[1].length > pageSize), 'one header is larger than a page');
    assert.ok(rows.reduce((n, r) => n + ((r.values[1] as Buffer).length ?? 0), 0) > 2 * pageSize, 'the rows need more than one leaf page');
    assert.deepEqual(rows.map((r) => r.rowid), rows.map((r) => r.rowid).sort((a, b) => a - b), 'in rowid order');
  });

  it('gives a damaged database no packages, or fewer, never an exception or a hang', () => {
    assert.deepEqual(parseRpmDatabase(Buffer.from('not a database'), FOUND_IN), []);
    assert.deepEqual(parseRpmDatabase(database.subarray(0, 4096), FOUND_IN), []);
    assert.throws(() => sqliteTableRows(database, 'Nothing'), SqliteFormatError);
    // Bytes garbled all over the file, 300 times.
    let seed = 20261203;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let run = 0; run < 300; run++) {
      const copy = Buffer.from(database as unknown as Uint8Array);
      for (let i = 0; i < 8; i++) copy[random(copy.length)] = random(256);
      const packages = parseRpmDatabase(copy, FOUND_IN);
      assert.ok(packages.length <= 2 + OPENSSL_SUBPACKAGES.length);
    }
  });
});

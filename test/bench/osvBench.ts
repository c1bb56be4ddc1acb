import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanBuiltin } from '../../server/src/scan/builtin/builtinScan';
import { zipArchive } from '../support/zipFile';
import { writeTree } from './scanBench';

/** What the inventory of the bench image holds (DPKG_STATUS), so some records match. */
const IMAGE_PACKAGES = ['apt', 'base-files', 'bash', 'dpkg', 'glibc', 'openssl'];

/** An osv.dev-like Debian:12 export of `count` records, most for packages the image lacks. */
function osvExport(count: number): Buffer {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const name = i % 500 === 0 ? (IMAGE_PACKAGES[(i / 500) % IMAGE_PACKAGES.length] as string) : `package-${i % 9000}`;
    const id = `DEBIAN-CVE-2099-${String(i).padStart(6, '0')}`;
    files[`${id}.json`] = JSON.stringify({
      id,
      summary: `Bench record ${i}, a flaw in ${name} that lets a crafted input overflow a buffer in its parser.`,
      details: 'A longer description, as real Debian records carry. '.repeat(6),
      modified: '2026-11-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'Debian:12', name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: `9.${i % 50}-1` }] }], database_specific: { urgency: 'low' } }],
      references: [{ type: 'ADVISORY', url: `https://security-tracker.debian.org/tracker/CVE-2099-${i}` }],
    });
  }
  return zipArchive(files);
}

export interface OsvBenchRow {
  records: number;
  zipMiB: number;
  firstSeconds: number;
  secondSeconds: number;
  vulnerabilities: number;
}

/**
 * One image scanned twice in one process (as the language server does) against a generated
 * OSV zip: the first scan reads every record and indexes the database, the second opens only
 * the records of the image's packages.
 */
export async function osvBench(records: number): Promise<OsvBenchRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-osv-bench-'));
  try {
    await writeTree(path.join(dir, 'layout'), 2_000);
    const zip = path.join(dir, 'Debian-all.zip');
    fs.writeFileSync(zip, osvExport(records) as unknown as Uint8Array);
    const scan = async (): Promise<{ seconds: number; vulnerabilities: number }> => {
      const started = process.hrtime.bigint();
      const result = await scanBuiltin(`oci:${path.join(dir, 'layout')}:bench`, { platform: null, today: '2026-12-03', osvDatabase: zip });
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, vulnerabilities: result.vulnerabilities.length };
    };
    const first = await scan();
    const second = await scan();
    if (first.vulnerabilities !== second.vulnerabilities) throw new Error(`the second scan found ${second.vulnerabilities} vulnerabilities, the first ${first.vulnerabilities}`);
    return { records, zipMiB: fs.statSync(zip).size / 1024 ** 2, firstSeconds: first.seconds, secondSeconds: second.seconds, vulnerabilities: first.vulnerabilities };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const OSV_BENCH_HEADER = ['OSV records', 'zip', 'first scan (indexes)', 'second scan', 'vulnerabilities'];

export function osvBenchCells(row: OsvBenchRow): string[] {
  return [String(row.records), `${row.zipMiB.toFixed(1)} MiB`, `${row.firstSeconds.toFixed(2)} s`, `${row.secondSeconds.toFixed(2)} s`, String(row.vulnerabilities)];
}

if (require.main === module) {
  const count = Number(process.argv[2]) || 50_000;
  osvBench(count)
    .then((row) => console.log(osvBenchCells(row).join('\t')))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}

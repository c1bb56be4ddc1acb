import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, REPO_ROOT } from '../support/paths';
import { minbaseRootfs, writeTreeLayout } from '../support/minbaseRootfs';
import { buildImage, DEBIAN_12_OS_RELEASE, DPKG_STATUS, writeOciLayout, type TestEntry } from '../support/testImages';

/** One scan of a generated image by the built CLI, as a process: wall time and the process's peak RSS. */
export interface ScanBenchRow {
  files: number;
  layers: number;
  unpackedMiB: number;
  seconds: number;
  peakRssMiB: number;
}

/**
 * A realistic tree of `files` files over three layers (a base, an application, a layer that
 * deletes some of it), small files in folders of 100, with an os-release and a dpkg status so
 * the scan reads the databases too; written as a gzip OCI layout.
 */
export async function writeTree(dir: string, files: number): Promise<number> {
  const perLayer = Math.ceil(files / 2);
  let bytes = 0;
  const layer = (prefix: string, count: number): TestEntry[] => {
    const entries: TestEntry[] = [];
    for (let i = 0; i < count; i++) {
      if (i % 100 === 0) entries.push({ path: `${prefix}/d${Math.floor(i / 100)}`, dir: true });
      const content = `${prefix} file ${i} `.repeat(1 + (i % 40));
      bytes += content.length;
      entries.push({ path: `${prefix}/d${Math.floor(i / 100)}/f${i}.txt`, content, mode: i % 997 === 0 ? 0o4755 : 0o644 });
    }
    return entries;
  };
  const base: TestEntry[] = [
    { path: 'etc', dir: true },
    { path: 'etc/os-release', content: DEBIAN_12_OS_RELEASE },
    { path: 'var/lib/dpkg/status', content: DPKG_STATUS },
    { path: 'usr', dir: true },
    ...layer('usr/share', perLayer),
  ];
  const image = await buildImage({
    layers: [{ entries: base }, { entries: [{ path: 'app', dir: true }, ...layer('app', files - perLayer)] }, { entries: [{ path: 'usr/share/d0', whiteout: true }] }],
    config: { User: '10001' },
  });
  writeOciLayout(dir, { bench: image });
  return bytes;
}

function scanOnce(layout: string): Promise<{ seconds: number; peakRssMiB: number }> {
  const reporter = path.join(REPO_ROOT, 'out', 'test', 'bench', 'reportPeakRss.js');
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-r', reporter, path.join(DIST, 'cli.js'), 'scan', `oci:${layout}:bench`, '--engine', 'builtin', '--format', 'json'], { maxBuffer: 256 * 1024 ** 2 }, (error, _stdout, stderr) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = /peak-rss-kib (\d+)/.exec(stderr)?.[1];
      if (!rss) return reject(new Error(`the scan printed no peak RSS (${error?.message ?? 'no error'}): ${stderr.slice(-500)}`));
      resolve({ seconds, peakRssMiB: Number(rss) / 1024 });
    });
  });
}

/** Scans the generated tree at each size `runs` times; the median time and the highest peak RSS. */
export async function scanBench(sizes: readonly number[], runs: number): Promise<ScanBenchRow[]> {
  const rows: ScanBenchRow[] = [];
  for (const files of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-scan-bench-'));
    try {
      const bytes = await writeTree(path.join(dir, 'layout'), files);
      const results = [];
      for (let i = 0; i < runs; i++) results.push(await scanOnce(path.join(dir, 'layout')));
      rows.push(summary(files, 3, bytes, results));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/**
 * The debootstrap minbase tree as an image (one layer), and a larger image that also carries a
 * copy of it under /opt/copy (two layers, twice the bytes and files): each scanned `runs` times.
 * Peak RSS should stay flat as the image doubles.
 */
export async function minbaseScanBench(runs: number): Promise<ScanBenchRow[]> {
  const root = minbaseRootfs();
  const files = fs.readdirSync(root, { recursive: true }).length;
  const rows: ScanBenchRow[] = [];
  for (const layers of [[{ dir: root }], [{ dir: root }, { dir: root, under: 'opt/copy' }]]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-minbase-bench-'));
    try {
      const bytes = await writeTreeLayout(path.join(dir, 'layout'), 'bench', layers);
      const results = [];
      for (let i = 0; i < runs; i++) results.push(await scanOnce(path.join(dir, 'layout')));
      rows.push(summary(files * layers.length, layers.length, bytes, results));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** The median time and the highest peak RSS of several scans of one image. */
function summary(files: number, layers: number, bytes: number, results: readonly { seconds: number; peakRssMiB: number }[]): ScanBenchRow {
  const times = results.map((r) => r.seconds).sort((a, b) => a - b);
  return { files, layers, unpackedMiB: bytes / 1024 ** 2, seconds: times[Math.floor(times.length / 2)] as number, peakRssMiB: Math.max(...results.map((r) => r.peakRssMiB)) };
}

export function scanBenchCells(row: ScanBenchRow): string[] {
  return [String(row.files), String(row.layers), `${row.unpackedMiB.toFixed(0)} MiB`, `${row.seconds.toFixed(2)} s`, `${row.peakRssMiB.toFixed(0)} MiB`];
}

export const SCAN_BENCH_HEADER = ['files', 'layers', 'file bytes', 'scan time (median)', 'peak RSS'];

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  (process.argv[2] === 'minbase' ? minbaseScanBench(3) : scanBench(sizes.length > 0 ? sizes : [25_000, 200_000], 3))
    .then((rows) => {
      for (const row of rows) console.log(scanBenchCells(row).join('\t'));
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}

import { spawnSync } from 'node:child_process';
import { lint } from '../../server/src/engine';
import { shellParserReady } from '../support/shellParser';
import { dockerfile, manifest } from './inputs';
import { ms } from './stats';

/**
 * Linear time, shown: each input family doubled four times, the engine's time at each size and
 * the ratio to the size before. A ratio near 2 is linear; one near 4 is quadratic. The time is
 * the process's CPU time per call (the garbage collector's threads included): on a machine other
 * work shares, wall-clock medians moved these ratios by ±1 from run to run.
 */
interface Family {
  name: string;
  fileName: string;
  sizes: number[];
  make(size: number): string;
}

const FAMILIES: Family[] = [
  { name: 'Dockerfile lines', fileName: 'Dockerfile', sizes: [250, 500, 1000, 2000, 4000], make: (n) => dockerfile(n).text },
  { name: 'RUN length (commands)', fileName: 'Dockerfile', sizes: [250, 500, 1000, 2000, 4000], make: (n) => `FROM debian:12\nUSER 1000\nRUN ${Array.from({ length: n }, (_, i) => `apt-get install -y pkg${i}`).join(' && \\\n    ')}\n` },
  { name: 'ARG count (chained)', fileName: 'Dockerfile', sizes: [250, 500, 1000, 2000, 4000], make: (n) => `ARG A0=x\n${Array.from({ length: n }, (_, i) => `ARG A${i + 1}=\${A${i}}x`).join('\n')}\nFROM alpine:\${A${n}}\nUSER 1000\n` },
  { name: 'YAML documents', fileName: 'deploy.yaml', sizes: [25, 50, 100, 200, 400], make: (n) => manifest(n).text },
  // Flow nesting, so the text grows with the depth (block nesting's indentation would grow it squared).
  { name: 'YAML nesting depth', fileName: 'deploy.yaml', sizes: [50, 100, 200, 400, 800], make: (n) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${'{k: '.repeat(n)}x${'}'.repeat(n)}\n` },
];

export interface DoublingRow {
  family: string;
  sizes: number[];
  times: number[];
  /** Time at each size over the time at the size before. */
  ratios: number[];
}

export function doublingTimes(runs: number): DoublingRow[] {
  return FAMILIES.map((family) => {
    const times = family.sizes.map((size) => {
      const text = family.make(size);
      return cpuTimePerCall(runs, () => lint({ fileName: family.fileName, text, today: '2026-01-01' }));
    });
    return { family: family.name, sizes: family.sizes, times, ratios: times.slice(1).map((t, i) => t / (times[i] as number)) };
  });
}

/**
 * CPU ms per call of `fn`, averaged over at least `runs` calls and 200 ms (after two untimed
 * calls): the average charges each size with the garbage collections its calls cause, where a
 * median or minimum of single calls would skip them at small sizes and jump at the size from
 * which every call holds one.
 */
function cpuTimePerCall(runs: number, fn: () => void): number {
  fn();
  fn();
  const before = process.cpuUsage();
  let calls = 0;
  let used = 0;
  while (calls < runs || used < 200) {
    fn();
    calls++;
    const now = process.cpuUsage(before);
    used = (now.user + now.system) / 1000;
  }
  return used / calls;
}

/** Linear when no doubling costs more than 2.6 times (2 plus noise); the table says which. */
export function doublingCells(row: DoublingRow): string[] {
  const worst = Math.max(...row.ratios);
  return [row.family, row.sizes.join(' → '), row.times.map(ms).join(' → '), row.ratios.map((r) => `${r.toFixed(2)}×`).join(' '), worst <= 2.6 ? 'linear' : 'FASTER THAN LINEAR'];
}

/**
 * The same table in a child Node with a 64 MiB young generation (`--max-semi-space-size=64`): where
 * a family grows faster than linearly only in the default process, the growth is the garbage
 * collector's (one parse's objects outgrowing the young generation), not the engine's work.
 */
export function doublingTimesWithLargeYoungGeneration(runs: number): DoublingRow[] {
  const child = spawnSync(process.execPath, ['--max-semi-space-size=64', __filename, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`doubling child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as DoublingRow[];
}

if (require.main === module) {
  void shellParserReady().then(() => process.stdout.write(JSON.stringify(doublingTimes(Number(process.argv[2] ?? 9)))));
}

import { lint } from '../../server/src/engine';
import { dockerfile, manifest } from './inputs';
import { median, ms, timeRuns } from './stats';

/**
 * Linear time, shown: each input family doubled four times, the engine's median time at each
 * size and the ratio to the size before. A ratio near 2 is linear; one near 4 is quadratic.
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
      return median(timeRuns(runs, () => lint({ fileName: family.fileName, text, today: '2026-01-01' }), 2));
    });
    return { family: family.name, sizes: family.sizes, times, ratios: times.slice(1).map((t, i) => t / (times[i] as number)) };
  });
}

/** Linear when no doubling costs more than 2.6 times (2 plus noise); the table says which. */
export function doublingCells(row: DoublingRow): string[] {
  const worst = Math.max(...row.ratios);
  return [row.family, row.sizes.join(' → '), row.times.map(ms).join(' → '), row.ratios.map((r) => `${r.toFixed(2)}×`).join(' '), worst <= 2.6 ? 'linear' : 'FASTER THAN LINEAR'];
}

import { spawnSync } from 'node:child_process';
import { lint } from '../../server/src/engine';
import { shellParserReady } from '../support/shellParser';
import { dockerfile, manifest } from './inputs';
import { median, ms } from './stats';

/**
 * Linear time, shown: each input family doubled four times, the engine's time at each size and
 * the ratio to the size before. A ratio near 2 is linear; one near 4 is quadratic. The time is
 * the process's CPU time per call (the garbage collector's and the compiler's threads included).
 *
 * What makes the figures trustworthy on a shared machine: every size is run before any is timed
 * (else the smallest size paid for compiling the engine and read 0.5–0.7× at the first doubling);
 * the sizes are then timed in `rounds` rounds, alternately smallest-first and largest-first, and a
 * ratio is the median over the rounds of the two neighbours' times in the same round, so a load
 * that comes and goes moves both sides of a ratio rather than one. Each call lints a text no call
 * before it linted (the RUN keyword padded with a pattern of spaces and tabs), so the shell parse
 * that `runScriptsOf` caches per RUN text is timed too, as on an edit of that RUN.
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
  /** Median over the rounds of the CPU ms per call at each size. */
  times: number[];
  /** Per doubling, the median over the rounds of (time at the size / time at the size before, same round). */
  ratios: number[];
  /** Per doubling, the smallest and largest of those per-round ratios: how far one round can mislead. */
  spread: [number, number][];
}

/** Timed calls per size and round: at least this many, and at least this much CPU time. */
const MIN_CALLS = 2;
const MIN_MS = 60;

/** The table, for every family or the ones named in `only`. */
export function doublingTimes(rounds: number, only?: readonly string[]): DoublingRow[] {
  let call = 0;
  return FAMILIES.filter((f) => !only || only.includes(f.name)).map((family) => {
    const texts = family.sizes.map(family.make);
    const lintOnce = (text: string): number => {
      const fresh = freshRunText(text, call++);
      const before = process.cpuUsage();
      lint({ fileName: family.fileName, text: fresh, today: '2026-01-01' });
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000;
    };
    for (let warm = 0; warm < 2; warm++) for (const text of texts) lintOnce(text);
    const perRound: number[][] = [];
    for (let round = 0; round < rounds; round++) {
      const times = new Array<number>(texts.length);
      const order = texts.map((_, i) => (round % 2 === 0 ? i : texts.length - 1 - i));
      for (const i of order) times[i] = cpuTimePerCall(() => lintOnce(texts[i] as string));
      perRound.push(times);
    }
    const times = family.sizes.map((_, i) => median(perRound.map((r) => r[i] as number)));
    const ratioSamples = family.sizes.slice(1).map((_, i) => perRound.map((r) => (r[i + 1] as number) / (r[i] as number)));
    return {
      family: family.name,
      sizes: family.sizes,
      times,
      ratios: ratioSamples.map(median),
      spread: ratioSamples.map((xs) => [Math.min(...xs), Math.max(...xs)] as [number, number]),
    };
  });
}

/** CPU ms per call, over at least MIN_CALLS calls and MIN_MS ms of them. */
function cpuTimePerCall(timedCall: () => number): number {
  let calls = 0;
  let used = 0;
  while (calls < MIN_CALLS || used < MIN_MS) {
    used += timedCall();
    calls++;
  }
  return used / calls;
}

/**
 * `text` with every RUN keyword followed by a pattern of spaces and tabs that encodes `call`:
 * the same length for every call, a new RUN text each time.
 */
export function freshRunText(text: string, call: number): string {
  let pad = ' ';
  for (let bit = 0; bit < 16; bit++) pad += (call >> bit) & 1 ? '\t' : ' ';
  return text.replace(/^RUN /gm, `RUN${pad}`);
}

/**
 * Linear when no doubling's median ratio is over 2.6 (2 plus noise); the table says which, and
 * shows each ratio's range over the rounds.
 */
export function doublingCells(row: DoublingRow): string[] {
  const worst = Math.max(...row.ratios);
  const ratios = row.ratios.map((r, i) => `${r.toFixed(2)}× (${row.spread[i]?.map((x) => x.toFixed(1)).join('–')})`).join(' ');
  return [row.family, row.sizes.join(' → '), row.times.map(ms).join(' → '), ratios, worst <= 2.6 ? 'linear' : 'FASTER THAN LINEAR'];
}

/**
 * The same table in a child Node with a 64 MiB young generation (`--max-semi-space-size=64`): where
 * a family grows faster than linearly only in the default process, the growth is the garbage
 * collector's (one parse's objects outgrowing the young generation), not the engine's work.
 */
export function doublingTimesWithLargeYoungGeneration(rounds: number): DoublingRow[] {
  const child = spawnSync(process.execPath, ['--max-semi-space-size=64', __filename, String(rounds)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`doubling child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as DoublingRow[];
}

// `node out/test/bench/doublingBench.js [rounds] ['RUN length (commands),ARG count (chained)']`: the rows as JSON.
if (require.main === module) {
  void shellParserReady().then(() => process.stdout.write(JSON.stringify(doublingTimes(Number(process.argv[2] ?? 7), process.argv[3]?.split(',')))));
}

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, REPO_ROOT } from '../support/paths';
import type { BenchInput } from './inputs';

/** Writes the inputs to a temp folder (each in its own folder, as a project would keep them). */
export function writeInputs(inputs: readonly BenchInput[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-bench-'));
  return inputs.map((input, i) => {
    const file = path.join(dir, `input-${i}`, input.fileName);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, input.text);
    return file;
  });
}

/** Bundles the parse-only baseline like dist/cli.js (minified, one file) so start-up is comparable. */
export async function bundleParseOnly(): Promise<string> {
  const outfile = path.join(REPO_ROOT, 'out', 'bench', 'parse-only.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'parseOnly.js')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    logLevel: 'warning',
  });
  return outfile;
}

/** Wall and CPU time (user + system of the child, ms) of one `node <args>` run. */
export interface ProcessTime {
  wall: number;
  cpu: number;
}

/**
 * `node <a>` and `node <b>`, alternately, `runs` times each after one untimed run of each.
 * Alternating keeps a slow spell of the machine from landing on one side only; the CPU time,
 * from /proc/self/stat's totals of finished children, does not grow while a process waits for
 * a core, so it is the steadier figure on a busy two-core machine.
 */
export function pairedProcessTimes(a: string[], b: string[], runs: number, okCodes = [0, 1]): { a: ProcessTime[]; b: ProcessTime[] } {
  const out = { a: [] as ProcessTime[], b: [] as ProcessTime[] };
  for (let i = 0; i < runs + 1; i++) {
    for (const [args, into] of [
      [a, out.a],
      [b, out.b],
    ] as const) {
      const cpu0 = childrenCpuMs();
      const t0 = performance.now();
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const wall = performance.now() - t0;
      if (!okCodes.includes(result.status ?? -1)) throw new Error(`node ${args.slice(0, 2).join(' ')} exited ${result.status}: ${result.stderr}`);
      if (i > 0) into.push({ wall, cpu: childrenCpuMs() - cpu0 });
    }
  }
  return out;
}

let ticksPerSecond: number | undefined;

/** User + system time of this process's waited-for children, in ms (NaN off Linux). */
function childrenCpuMs(): number {
  try {
    // Fields after "pid (comm) ": cutime and cstime are the 16th and 17th of stat, so 13 and 14 here.
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/** Wall time of `node <args>`, `runs` times after one untimed run; throws when it fails. */
export function processTimes(args: string[], runs: number, okCodes = [0], env: NodeJS.ProcessEnv = process.env): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env });
    const elapsed = performance.now() - t0;
    if (!okCodes.includes(result.status ?? -1)) throw new Error(`node ${args.slice(0, 2).join(' ')} exited ${result.status}: ${result.stderr}`);
    if (i > 0) out.push(elapsed);
  }
  return out;
}

export function cliPath(): string | null {
  const cli = path.join(DIST, 'cli.js');
  return fs.existsSync(cli) ? cli : null;
}

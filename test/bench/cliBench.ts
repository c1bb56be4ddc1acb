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

/** Wall time of `node <args>`, `runs` times after one untimed run; throws when it fails. */
export function processTimes(args: string[], runs: number, okCodes = [0]): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
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

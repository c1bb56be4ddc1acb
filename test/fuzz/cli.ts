import { loadShellParser } from '../../server/src/engine';
import { readShellParserWasm } from '../../server/src/shellParserWasm';
import { failuresOf, runFuzz } from './fuzzer';
import { FUZZ_KINDS, type FuzzKind } from './kinds';

/**
 * `npm run fuzz -- [--seed N] [--n N] [--kind dockerfile|kubernetes|compose|config] [--case I]
 * [--no-save]`: N inputs per kind from the seed (default: a new seed, printed); exits 1 when a
 * property failed. `--case` replays one case of a printed seed.
 */
async function main(argv: readonly string[]): Promise<number> {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) : argv[i + 1];
  };
  const seed = Number(arg('seed') ?? Math.floor(Math.random() * 2 ** 31));
  const n = Number(arg('n') ?? 2000);
  const only = arg('kind');
  const replay = arg('case') === undefined ? undefined : Number(arg('case'));
  if (!Number.isInteger(seed) || !Number.isInteger(n) || n < 0 || (only !== undefined && !FUZZ_KINDS.includes(only as FuzzKind)) || (replay !== undefined && !(Number.isInteger(replay) && replay >= 0))) {
    process.stderr.write('usage: npm run fuzz -- [--seed N] [--n N] [--kind dockerfile|kubernetes|compose|config] [--case I] [--no-save]\n');
    return 2;
  }
  await loadShellParser(readShellParserWasm);
  process.stdout.write(`fuzz: seed ${seed}, ${n} inputs per kind\n`);
  const started = Date.now();
  const results = runFuzz({
    seed,
    n,
    ...(replay === undefined ? {} : { only: replay }),
    kinds: only ? [only as FuzzKind] : FUZZ_KINDS,
    timeoutMs: Number(arg('timeout-ms') ?? 2000),
    suppressions: 2,
    save: !argv.includes('--no-save'),
    maxFailures: 20,
    log: (line) => process.stdout.write(`  ${line}\n`),
  });
  process.stdout.write('\nkind        inputs  generated  exceptions  timeouts  faults  ranges  fix  suppression  slowest\n');
  for (const r of results) {
    const c = r.counts;
    const fix = c['fix-overlap'] + c['fix-outside'] + c['fix-throws'] + c['fix-breaks-file'];
    process.stdout.write(`${r.kind.padEnd(10)} ${String(r.inputs).padStart(7)} ${String(r.generated).padStart(10)} ${String(c.throws).padStart(11)} ${String(c.timeout).padStart(9)} ${String(c.fault).padStart(7)} ${String(c.range).padStart(7)} ${String(fix).padStart(4)} ${String(c.suppression).padStart(12)} ${r.slowestMs.toFixed(0).padStart(6)} ms\n`);
  }
  const failed = results.reduce((a, r) => a + failuresOf(r), 0);
  process.stdout.write(`\n${failed} failures in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})\n`);
  return failed === 0 ? 0 : 1;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

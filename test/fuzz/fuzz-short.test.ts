import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { shellParserReady } from '../support/shellParser';
import { failuresOf, regressionCases, runFuzz } from './fuzzer';
import { FUZZ_KINDS } from './kinds';
import { checkProperties } from './properties';

before(shellParserReady);

// A hang, not a slow moment on a loaded machine, is what the time bound is for here.
const OPTIONS = { timeoutMs: 10_000, suppressions: 1 };

/**
 * The short pass `npm test` runs: a fixed seed, a few hundred inputs per kind, every property
 * (see properties.ts). `npm run fuzz -- --n 100000` is the long pass, with new seeds.
 */
describe('fuzz: the engine on mutated and generated input', () => {
  it('keeps every property on 1,000 inputs (seed 12)', () => {
    const lines: string[] = [];
    const results = runFuzz({ ...OPTIONS, seed: 12, n: 250, kinds: FUZZ_KINDS, save: false, maxFailures: 3, log: (line) => lines.push(line) });
    assert.deepEqual(results.map((r) => r.inputs), [250, 250, 250, 250]);
    assert.ok(results.every((r) => r.generated > 40), 'the grammar generators are used');
    assert.equal(results.reduce((a, r) => a + failuresOf(r), 0), 0, lines.join('\n'));
  });

  it('keeps every property on the shrunk inputs it once failed on (test/fixtures/fuzz)', () => {
    const cases = regressionCases();
    assert.ok(cases.length >= 5);
    for (const c of cases) assert.equal(checkProperties(c.kind, c.text, { ...OPTIONS, suppressions: 8 }, () => 0), null, c.file);
  });
});

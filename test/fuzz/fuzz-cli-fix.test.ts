import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fixAll, lint } from '../../server/src/engine';
import { runCli, tempProject } from '../cli/cliHarness';
import { shellParserReady } from '../support/shellParser';
import { loadCorpus } from './corpus';
import { caseInput, caseRandom } from './fuzzer';
import { FILE_NAMES, type FuzzKind } from './kinds';

before(shellParserReady);

const CASES_PER_KIND = 40;

/** The text as a file holds it: a lone surrogate the mutator made is written (and read) as U+FFFD. */
function asOnDisk(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
const KINDS: FuzzKind[] = ['dockerfile', 'kubernetes'];

/**
 * `seaworthy check --fix` as a process on fuzzed files: each file afterwards is byte for byte
 * either what it was (the CLI refused the fixes) or the engine's fix-all of it, nothing else —
 * the edits are all that changes. One CLI run checks every case.
 */
describe('fuzz: `seaworthy check --fix` changes only what the edits change', () => {
  it(`leaves ${CASES_PER_KIND} fuzzed Dockerfiles and manifests each as they were or exactly fixed (seed 5)`, async () => {
    const corpus = loadCorpus();
    const files: Record<string, string> = {};
    for (const kind of KINDS) {
      for (let i = 0; i < CASES_PER_KIND; i++) files[`${kind}-${i}/${FILE_NAMES[kind]}`] = asOnDisk(caseInput(corpus, kind, caseRandom(5, kind, i)).text);
    }
    const project = tempProject(files);
    try {
      await runCli(['check', '--fix', ...Object.keys(files)], { cwd: project.dir });
      let fixed = 0;
      for (const [name, before] of Object.entries(files)) {
        const fileName = name.split('/')[1]!;
        const after = project.read(name);
        if (after === before) continue;
        fixed++;
        const expected = fixAll(before, (text) => lint({ fileName, text }).findings).text;
        assert.equal(after, expected, `${name}: the CLI changed more than the fixes' edits`);
      }
      assert.ok(fixed >= 10, `only ${fixed} of the cases had fixes applied: the property was hardly exercised`);
    } finally {
      project.dispose();
    }
  });
});

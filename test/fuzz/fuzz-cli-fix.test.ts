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

/** Each case as written, with every line end made CRLF, and behind a BOM: the CLI keeps both. */
const VARIANTS: { name: string; make(text: string): string }[] = [
  { name: 'lf', make: (text) => text },
  { name: 'crlf', make: (text) => text.replace(/\r?\n/g, '\r\n') },
  { name: 'bom', make: (text) => `\uFEFF${text.replace(/^\uFEFF/, '')}` },
];

/**
 * `seaworthy check --fix` as a process on fuzzed files: each file afterwards is byte for byte
 * either what it was (the CLI refused the fixes) or the engine's fix-all of it, nothing else —
 * the edits are all that changes. One CLI run checks every case.
 */
describe('fuzz: `seaworthy check --fix` changes only what the edits change', () => {
  it(`leaves ${CASES_PER_KIND} fuzzed Dockerfiles and manifests each as they were or exactly fixed, as written, with CRLF and with a BOM (seed 5)`, async () => {
    const corpus = loadCorpus();
    const files: Record<string, string> = {};
    for (const kind of KINDS) {
      for (let i = 0; i < CASES_PER_KIND; i++) {
        const text = asOnDisk(caseInput(corpus, kind, caseRandom(5, kind, i)).text);
        for (const variant of VARIANTS) files[`${kind}-${i}-${variant.name}/${FILE_NAMES[kind]}`] = variant.make(text);
      }
    }
    const project = tempProject(files);
    try {
      await runCli(['check', '--fix', ...Object.keys(files)], { cwd: project.dir });
      let fixed = 0;
      const byVariant = { crlf: 0, bom: 0 };
      for (const [name, before] of Object.entries(files)) {
        const fileName = name.split('/')[1]!;
        const after = project.read(name);
        if (after === before) continue;
        fixed++;
        // The engine sees the text after the BOM; the BOM and the line ends are the file's own.
        const bom = before.startsWith('\uFEFF') ? '\uFEFF' : '';
        const expected = bom + fixAll(before.slice(bom.length), (text) => lint({ fileName, text }).findings).text;
        assert.equal(after, expected, `${name}: the CLI changed more than the fixes' edits`);
        const crlf = name.includes('-crlf/') && before.includes('\r\n');
        if (crlf) assert.doesNotMatch(after, /(?:^|[^\r])\n/, `${name}: a line end is no longer CRLF`);
        if (bom) byVariant.bom++;
        if (crlf) byVariant.crlf++;
      }
      assert.ok(fixed >= 30, `only ${fixed} of the cases had fixes applied: the property was hardly exercised`);
      assert.ok(byVariant.crlf >= 10 && byVariant.bom >= 10, `fixed CRLF and BOM cases: ${JSON.stringify(byVariant)}`);
    } finally {
      project.dispose();
    }
  });
});

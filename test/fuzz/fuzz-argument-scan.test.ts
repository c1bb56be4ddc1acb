import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { scanArguments } from '../../server/src/parse/argumentScan';
import { dockerfileAstArguments } from '../../server/src/parse/memoizedArguments';
import { loadCorpus } from './corpus';
import { caseInput, caseRandom } from './fuzzer';
import { Random } from './random';

/** Every instruction of a Dockerfile, ONBUILD's trigger instructions too. */
function instructionsOf(text: string): Instruction[] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .flatMap((i) => {
      const trigger = (i as Instruction & { getTriggerInstruction?(): Instruction | null }).getTriggerInstruction?.();
      return trigger ? [i, trigger] : [i];
    });
}

/** How many instructions of `texts` our scan splits differently from dockerfile-ast's (the first few shown). */
function differences(texts: readonly string[]): { instructions: number; diffs: string[] } {
  let instructions = 0;
  const diffs: string[] = [];
  for (const text of texts) {
    for (const instruction of instructionsOf(text)) {
      instructions++;
      const theirs = (dockerfileAstArguments.call(instruction) as ReturnType<typeof scanArguments>).map((a) => ({ value: a.getValue(), range: a.getRange() }));
      const ours = scanArguments(instruction).map((a) => ({ value: a.getValue(), range: a.getRange() }));
      try {
        assert.deepStrictEqual(ours, theirs);
      } catch {
        if (diffs.length < 3) diffs.push(`${JSON.stringify(instruction.getTextContent())}: ours ${JSON.stringify(ours)}, dockerfile-ast ${JSON.stringify(theirs)}`);
        else diffs.push('…');
      }
    }
  }
  return { instructions, diffs };
}

/** Instructions built from the pieces the argument scan treats specially. */
function trickyDockerfile(r: Random): string {
  const pieces = ['a', 'bc', '$x', '${y}', '\\$', '\\', '\\\\', '\\ ', '\\\t', '\\\n', '\\  \n', '\\\r\n', '\\ \r\n', ' ', '\t', '\n', '\r\n', '\r', '#', '# c', '"q r"', "'s'", '[', ']', ',', '=', '--flag', '<<EOF', '`', '`\n', '\uFEFF', 'é'];
  const escape = r.chance(0.2) ? '# escape=`\n' : '';
  const lines: string[] = [];
  for (let n = r.between(1, 4); n > 0; n--) {
    let body = '';
    for (let k = r.between(0, 14); k > 0; k--) body += r.pick(pieces);
    lines.push(`${r.pick(['RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'FROM', 'USER', 'ONBUILD RUN', 'HEALTHCHECK CMD', 'CMD', 'EXPOSE'])}${r.pick([' ', '\t', '  '])}${body}`);
  }
  return escape + lines.join(r.pick(['\n', '\r\n']));
}

describe('fuzz: our Dockerfile argument scan splits as dockerfile-ast does', () => {
  it('on every fixture, example and bench input, on fuzzed Dockerfiles and on escape-heavy instructions', () => {
    const all = loadCorpus();
    const corpus = all.dockerfile;
    const fuzzed = Array.from({ length: 1500 }, (_, i) => caseInput(all, 'dockerfile', caseRandom(31, 'dockerfile', i)).text);
    const r = new Random(77);
    const tricky = Array.from({ length: 4000 }, () => trickyDockerfile(r));
    for (const [what, texts] of [['corpus', corpus], ['fuzzed', fuzzed], ['tricky', tricky]] as const) {
      const { instructions, diffs } = differences(texts);
      assert.ok(instructions > 1000, `${what}: ${instructions} instructions compared`);
      assert.deepEqual(diffs, [], `${what}: ${diffs.length} of ${instructions} instructions split differently`);
    }
  });
});


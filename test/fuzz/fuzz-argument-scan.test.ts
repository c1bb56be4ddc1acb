import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Arg, DockerfileParser, Env, Label, type Instruction, type Property } from 'dockerfile-ast';
import { scanArguments } from '../../server/src/parse/argumentScan';
import { dockerfileAstArguments } from '../../server/src/parse/memoizedArguments';
import { propertiesOf } from '../../server/src/parse/properties';
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


/** Everything dockerfile-ast's `Property` tells, as plain data. */
function propertyData(p: Property): unknown {
  return { name: p.getName(), value: p.getValue(), range: p.getRange(), nameRange: p.getNameRange(), valueRange: p.getValueRange(), operator: p.getAssignmentOperator() };
}

describe('fuzz: propertiesOf reads ARG, ENV and LABEL as dockerfile-ast does', () => {
  it('gives the properties getProperties() gives, one list per instruction, the ARG constructor\'s own property reused', () => {
    const all = loadCorpus();
    const r = new Random(78);
    const texts = [...all.dockerfile, ...Array.from({ length: 1500 }, (_, i) => caseInput(all, 'dockerfile', caseRandom(32, 'dockerfile', i)).text), ...Array.from({ length: 4000 }, () => trickyDockerfile(r))];
    let compared = 0;
    let reused = 0;
    for (const text of texts) {
      const ours = instructionsOf(text);
      const theirs = instructionsOf(text);
      ours.forEach((instruction, k) => {
        if (!(instruction instanceof Arg || instruction instanceof Env || instruction instanceof Label)) return;
        const properties = propertiesOf(instruction);
        assert.equal(propertiesOf(instruction), properties, 'the same list on every call');
        const expected = (theirs[k] as Arg | Env | Label).getProperties().map(propertyData);
        assert.deepStrictEqual(properties.map(propertyData), expected, JSON.stringify(instruction.getTextContent()));
        if (instruction instanceof Arg && instruction.getProperty()) {
          assert.equal(properties[0], instruction.getProperty());
          reused++;
        }
        compared++;
      });
    }
    assert.ok(compared > 2000 && reused > 500, `${compared} instructions compared, ${reused} ARG properties reused`);
  });
});

import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { RULES, defineRule, lint, type AnyRule, type Rule } from '../../server/src/engine';
import { ExpansionBudget, MAX_EXPANDED_CHARS, MAX_NESTING, expandArgs } from '../../server/src/parse/argExpansion';
import { effectiveUser } from '../../server/src/engine/dockerfile/stageUser';
import { parseDockerfileModel } from '../../server/src/parse/dockerfileModel';
import { shellParserReady } from '../support/shellParser';

before(shellParserReady);

const vars = (entries: Record<string, string | undefined>): Map<string, string | undefined> => new Map(Object.entries(entries));

/** `ARG A=xxxxxxxx` then `count` ARGs, each the previous one twice: 2^count times the first. */
export function doublingChain(count: number): string {
  const lines = ['ARG A=xxxxxxxx', 'ARG B0=${A}${A}'];
  for (let i = 1; i < count; i++) lines.push(`ARG B${i}=\${B${i - 1}}\${B${i - 1}}`);
  lines.push(`FROM alpine:\${B${count - 1}}`, 'FROM alpine:3.22', 'USER 1000');
  return `${lines.join('\n')}\n`;
}

describe('ARG expansion as BuildKit does it', () => {
  it('substitutes $VAR, ${VAR} and the four defaulting forms', () => {
    const args = vars({ SET: 'v', EMPTY: '', NOVALUE: undefined });
    assert.equal(expandArgs('a-$SET-${SET}-b', args), 'a-v-v-b');
    assert.equal(expandArgs('${EMPTY:-d}|${EMPTY-d}|${NOVALUE-d}|${UNDECLARED:-d}', args), 'd||d|d');
    assert.equal(expandArgs('${SET:+alt}|${EMPTY:+alt}|${EMPTY+alt}|${NOVALUE+alt}', args), 'alt||alt|');
    assert.equal(expandArgs('cost $5 and $ alone, 100$', args), 'cost $5 and $ alone, 100$');
  });

  it('expands words nested in a default, and does not need the variables of the branch not taken', () => {
    const args = vars({ TAG: '22', REGISTRY: 'ghcr.io' });
    assert.equal(expandArgs('node:${VERSION:-${TAG}-slim}', args), 'node:22-slim');
    assert.equal(expandArgs('${REGISTRY:-${UNKNOWN}}/app', args), 'ghcr.io/app');
    assert.equal(expandArgs('${REGISTRY:+${UNKNOWN}}', args), null);
  });

  it('calls unknown what it does not model or cannot know', () => {
    const args = vars({ V: 'x', NOVALUE: undefined });
    for (const text of ['$NOVALUE', '${UNDECLARED}', '${V#x}', '${V%x}', '${V/x/y}', '${V:?need V}', '${V', '${', '${V:-open', '${}']) {
      assert.equal(expandArgs(text, args), null, text);
    }
  });

  it('stops a chain of doubling ARGs at the bound: the value is unknown, the work a few kilobytes', () => {
    const model = parseDockerfileModel(doublingChain(40));
    const known = [...model.globalArgs.values()].filter((v) => v !== undefined) as string[];
    assert.ok(known.every((v) => v.length <= MAX_EXPANDED_CHARS), 'no value past the bound');
    assert.equal(model.globalArgs.get('B8'), 'x'.repeat(8 * 2 ** 9));
    assert.equal(model.globalArgs.get('B9'), undefined, 'B9 would be 8 KB: unknown');
    assert.equal(model.globalArgs.get('B39'), undefined);
    assert.equal(model.stages[0]?.base.resolved, null);
    assert.equal(model.stages[1]?.base.resolved, 'alpine:3.22');
  });

  it('bounds the total one budget substitutes, and how deep braces nest', () => {
    const budget = new ExpansionBudget(10);
    const args = vars({ A: 'abcdef' });
    assert.equal(expandArgs('$A', args, budget), 'abcdef');
    assert.equal(expandArgs('$A', args, budget), null, 'the budget is spent');
    const deep = (n: number): string => `${'${X:-'.repeat(n)}end${'}'.repeat(n)}`;
    assert.equal(expandArgs(deep(MAX_NESTING), vars({})), 'end');
    assert.equal(expandArgs(deep(100_000), vars({})), null);
  });

  it('reads stage ARGs in their scope: a re-declared global takes its default, a global not re-declared is unknown, a stage value wins', () => {
    const text = 'ARG UID=0\nFROM alpine:3.22 AS a\nARG UID\nUSER $UID\nFROM alpine:3.22 AS b\nUSER $UID\nFROM alpine:3.22\nARG UID=1000\nUSER ${UID}\n';
    const model = parseDockerfileModel(text);
    const users = model.stages.map((stage) => effectiveUser(model, stage));
    assert.deepEqual(users.map((u) => (u.kind === 'instruction' ? u.expanded : 'image')), ['0', null, '1000']);
  });
});

describe('a rule that throws', () => {
  it('costs only its own findings, with an invalid-file finding naming the rule and the cause', () => {
    const broken: AnyRule = defineRule<'dockerfile'>({
      meta: { ...(RULES.find((r) => r.meta.appliesTo === 'dockerfile') as Rule<'dockerfile'>).meta, id: 'broken-for-test' },
      check() {
        throw new Error('boom');
      },
    } as Rule<'dockerfile'>);
    const text = 'FROM alpine:latest\n';
    const before = lint({ fileName: 'Dockerfile', text }).findings;
    (RULES as AnyRule[]).push(broken);
    try {
      const findings = lint({ fileName: 'Dockerfile', text }).findings;
      const fault = findings.find((f) => f.ruleId === 'invalid-file');
      assert.equal(fault?.message, 'rule broken-for-test could not check this file: boom');
      assert.equal(fault?.fault, 'rule broken-for-test failed: boom');
      assert.deepEqual(findings.filter((f) => f !== fault), before);
    } finally {
      (RULES as AnyRule[]).pop();
    }
  });
});

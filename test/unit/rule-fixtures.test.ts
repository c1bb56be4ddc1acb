import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { RULES, applyEdits, combinedFixEdits, configForExample, defaultConfig, lint, type Finding, type RuleExample, type SeaworthyConfig } from '../../server/src/engine';
import { expectationsOf, key } from '../support/expectations';
import { FIXTURES } from '../support/paths';
import { shellParserReady } from '../support/shellParser';

before(shellParserReady);

const RULE_FIXTURES = path.join(FIXTURES, 'rules');

/** Every profile on: a `strict` rule's fixtures show what it reports when it is selected. */
const ALL_RULES = { ...defaultConfig(), profile: 'all' as const };

/** End-of-life is judged against a pinned day, so the fixtures say the same thing next year. */
export const FIXTURE_TODAY = '2026-12-02';

/**
 * A fixture may say which Pod Security level it is checked at, on a comment line of its own:
 * `# fixture: podSecurityLevel=baseline` (the default is restricted, as for users), and the
 * settings it is checked under as a one-line `.seaworthy.yaml` in flow style:
 * `# fixture: config={trustedRegistries: [ghcr.io]}`.
 */
function fixtureConfig(text: string): SeaworthyConfig {
  const level = /^#\s*fixture:\s*podSecurityLevel=(baseline|restricted)\s*$/m.exec(text)?.[1];
  const settings = /^#\s*fixture:\s*config=(\{.*\})\s*$/m.exec(text)?.[1];
  const config = configForExample(settings === undefined ? {} : { config: settings }, ALL_RULES);
  return level === 'baseline' || level === 'restricted' ? { ...config, podSecurityLevel: level } : config;
}

function findingsOf(fileName: string, text: string, config = fixtureConfig(text)): Finding[] {
  return lint({ fileName, text, config, today: FIXTURE_TODAY }).findings;
}

function exampleFindings(example: RuleExample, ruleId: string): Finding[] {
  return findingsOf(example.fileName, example.text, configForExample(example, ALL_RULES)).filter((f) => f.ruleId === ruleId);
}

/** Applies this rule's fixes round by round until none is left (fixes may defer to a later round). */
function applyRuleFixes(fileName: string, text: string, ruleId: string): string {
  let current = text;
  const config = fixtureConfig(text);
  for (let round = 0; round < 5; round++) {
    const edits = combinedFixEdits(findingsOf(fileName, current, config).filter((f) => f.ruleId === ruleId));
    if (edits.length === 0) return current;
    current = applyEdits(current, edits);
  }
  return current;
}

for (const rule of RULES) {
  const id = rule.meta.id;
  describe(`rule ${id}`, () => {
    const dir = path.join(RULE_FIXTURES, id);
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.includes('.fixed.')).sort() : [];

    it('has fixtures that fire and fixtures that stay silent', () => {
      const expecting = files.filter((f) => expectationsOf(fs.readFileSync(path.join(dir, f), 'utf8')).some((e) => e.ruleId === id));
      assert.ok(expecting.length > 0, `${dir} needs a fixture with "# expect: ${id}"`);
      assert.ok(files.length > expecting.length, `${dir} needs a fixture where ${id} stays silent`);
    });

    it('fires on its non-compliant example and not on its compliant one', () => {
      const bad = exampleFindings(rule.meta.nonCompliant, id);
      const good = exampleFindings(rule.meta.compliant, id);
      assert.ok(bad.length > 0, 'non-compliant example should produce a finding');
      assert.deepEqual(good, [], 'compliant example should produce no finding');
    });

    for (const file of files) {
      it(`${file}: reports exactly the expected lines`, () => {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        const expected = expectationsOf(text);
        const ids = new Set([id, ...expected.map((e) => e.ruleId)]);
        const actual = findingsOf(file, text)
          .filter((f) => ids.has(f.ruleId))
          .map((f) => key({ line: f.range.start.line, ruleId: f.ruleId }));
        assert.deepEqual([...new Set(actual)].sort(), [...new Set(expected.map(key))].sort());
      });

      if (rule.meta.fixable) {
        it(`${file}: fixes apply, parse and re-lint clean`, () => {
          const text = fs.readFileSync(path.join(dir, file), 'utf8');
          const fixed = applyRuleFixes(file, text, id);
          const after = findingsOf(file, fixed, fixtureConfig(text));
          // A finding the rule offers no fix for (the fact it needs is not certain) stays, message and all.
          const unfixable = findingsOf(file, text).filter((f) => f.ruleId === id && !f.fix).map((f) => `${f.ruleId}: ${f.message}`);
          assert.deepEqual(after.filter((f) => f.ruleId === id || f.ruleId === 'invalid-file').map((f) => `${f.ruleId}: ${f.message}`), unfixable);
          const ext = path.extname(file);
          const expectedFile = path.join(dir, `${file.slice(0, file.length - ext.length)}.fixed${ext}`);
          if (fs.existsSync(expectedFile)) assert.equal(fixed, fs.readFileSync(expectedFile, 'utf8'));
          else if (findingsOf(file, text).some((f) => f.ruleId === id && f.fix)) assert.notEqual(fixed, text, 'fixes changed nothing');
        });
      }
    }
  });
}

/** The checks of the newest Pod Security Admission (kubernetes/pod-security-admission policy/check_*.go). */
const PSA_CHECKS = [
  'allowPrivilegeEscalation', 'appArmorProfile', 'capabilities_baseline', 'capabilities_restricted', 'hostNamespaces',
  'hostPathVolumes', 'hostPorts', 'hostProbesAndHostLifecycle', 'privileged', 'procMount', 'procMount_restricted',
  'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seLinuxOptions', 'seccompProfile_baseline', 'seccompProfile_restricted',
  'sysctls', 'windowsHostProcess',
];

describe('Pod Security Standards coverage', () => {
  const pssRules = RULES.filter((r) => (r.meta.refs.pss ?? []).length > 0);

  it('names every Pod Security Admission check in some rule, at the check\'s own level', () => {
    const named = new Map(pssRules.flatMap((r) => (r.meta.refs.pss ?? []).map((p) => [p.control, p.level] as const)));
    assert.deepEqual([...named.keys()].sort(), [...PSA_CHECKS].sort());
    for (const control of ['capabilities_restricted', 'seccompProfile_restricted', 'procMount_restricted', 'restrictedVolumes', 'allowPrivilegeEscalation', 'runAsNonRoot', 'runAsUser']) {
      assert.equal(named.get(control), 'restricted', control);
    }
  });

  for (const rule of pssRules) {
    it(`${rule.meta.id} has fixtures checked at the baseline and at the restricted level`, () => {
      const dir = path.join(RULE_FIXTURES, rule.meta.id);
      const levels = new Set(
        fs
          .readdirSync(dir)
          .filter((f) => !f.includes('.fixed.'))
          .map((f) => fixtureConfig(fs.readFileSync(path.join(dir, f), 'utf8')).podSecurityLevel),
      );
      assert.deepEqual([...levels].sort(), ['baseline', 'restricted']);
    });
  }
});

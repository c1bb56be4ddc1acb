import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, lint } from '../../server/src/engine';

/**
 * The words go-yaml v2 (the YAML reader of the API server's sigs.k8s.io/yaml) resolves to a
 * boolean when they stand unquoted: its resolve table, `resolve.go`. Every other spelling is a
 * string there, which a boolean field refuses.
 */
const GO_YAML_V2: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
]);

/** Every upper/lower-case spelling of `word`. */
function spellings(word: string): string[] {
  let out = [''];
  for (const c of word) out = out.flatMap((s) => [...new Set([s + c.toLowerCase(), s + c.toUpperCase()])]);
  return out;
}

function pod(value: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: ${value}\n`;
}

describe('booleans are read as the API server reads them (go-yaml v2)', () => {
  const words = ['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false'].flatMap(spellings);

  it(`takes exactly go-yaml's ${GO_YAML_V2.size} words as booleans, among all ${words.length} spellings of y/n/yes/no/on/off/true/false`, () => {
    const read = new Map<string, string>();
    for (const word of words) {
      const found = lint({ fileName: 'pod.yaml', text: pod(word), config: defaultConfig() }).findings;
      const privileged = found.some((f) => f.ruleId === 'privileged-container');
      const rejected = found.some((f) => f.ruleId === 'boolean-field-not-a-boolean');
      read.set(word, rejected ? 'string' : privileged ? 'true' : 'false');
    }
    const expected = new Map(words.map((w) => [w, GO_YAML_V2.has(w) ? String(GO_YAML_V2.get(w)) : 'string']));
    assert.deepEqual(read, expected);
  });

  it('reads a quoted word as a string, whatever it says', () => {
    for (const word of GO_YAML_V2.keys()) {
      for (const quoted of [`"${word}"`, `'${word}'`]) {
        const found = lint({ fileName: 'pod.yaml', text: pod(quoted), config: defaultConfig() }).findings.map((f) => f.ruleId);
        assert.ok(found.includes('boolean-field-not-a-boolean') && !found.includes('privileged-container'), `${quoted}: ${found.join(', ')}`);
      }
    }
  });
});

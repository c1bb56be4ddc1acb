import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseDocument, isMap, type Node as YamlNode, type Pair } from 'yaml';
import { applyEdits, defaultConfig, fixAll, lint, mergeConfig } from '../../server/src/engine';
import { setSecurityContextKey, setSecurityContextKeys } from '../../server/src/engine/kubernetes/securityContextEdits';
import type { YamlDocumentContext } from '../../server/src/engine/rule';
import { LineIndex } from '../../server/src/parse/lineIndex';
import { shellParserReady } from '../support/shellParser';

// The engine is used in-process here too: load its shell parser as the server and the CLI do.
before(shellParserReady);

/**
 * `setSecurityContextKey` on one document: `path` leads from the root to the owner map (a
 * container or a pod spec). Returns the edited text, so each case asserts the whole result.
 */
function set(text: string, path: (string | number)[], key: string, value: string): string {
  return setMany(text, path, [[key, value]]);
}

/** Same, for several keys in one edit set (`setSecurityContextKeys`). */
function setMany(text: string, path: (string | number)[], entries: [string, string][]): string {
  const doc = parseDocument(text, { uniqueKeys: false });
  assert.deepEqual(doc.errors, [], 'the input itself must parse');
  const owner = doc.getIn(path, true);
  assert.ok(isMap(owner), `no map at ${path.join('.')}`);
  const lines = new LineIndex(text);
  const context: YamlDocumentContext = {
    fileName: 'test.yaml',
    settings: { trustedRegistries: [], podSecurityLevel: 'restricted' }, today: '2026-12-02',
    report: () => undefined,
    text,
    lines,
    doc,
    rangeOf: (node: YamlNode) => lines.range(node.range?.[0] ?? 0, node.range?.[1] ?? 0),
    rangeOfPair: (pair: Pair) => lines.range((pair.key as YamlNode).range?.[0] ?? 0, (pair.value as YamlNode | null)?.range?.[1] ?? 0),
    isSuppressed: () => false,
  };
  const edited = applyEdits(text, entries.length === 1 ? setSecurityContextKey(context, owner, entries[0]![0], entries[0]![1]) : setSecurityContextKeys(context, owner, entries));
  const reparsed = parseDocument(edited, { uniqueKeys: false });
  assert.deepEqual(reparsed.errors, [], `the edited text must parse:\n${edited}`);
  return edited;
}

const C0 = ['spec', 'containers', 0];
const lines = (...l: string[]): string => l.join('\n') + '\n';

describe('setSecurityContextKeys: several keys in one fix', () => {
  const both: [string, string][] = [['runAsNonRoot', 'true'], ['runAsUser', '10001']];

  it('adds a missing securityContext holding every key, in order', () => {
    const text = lines('spec:', '  containers:', '    - name: a  # the app', '      image: x:1');
    assert.equal(setMany(text, C0, both), `${text}      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n`);
  });

  it('replaces the keys that exist and adds the others after the last pair', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        runAsUser: 0 # was root', '        readOnlyRootFilesystem: true');
    assert.equal(setMany(text, C0, both), text.replace('runAsUser: 0', 'runAsUser: 10001').replace('readOnlyRootFilesystem: true\n', 'readOnlyRootFilesystem: true\n        runAsNonRoot: true\n'));
  });

  it('extends a flow map and fills a null securityContext', () => {
    const flow = lines('spec:', '  containers:', '    - name: a', '      securityContext: {runAsUser: 0}');
    assert.equal(setMany(flow, C0, both), flow.replace('{runAsUser: 0}', '{runAsUser: 10001, runAsNonRoot: true}'));
    const empty = lines('spec:', '  containers:', '    - name: a', '      securityContext: ~');
    assert.equal(setMany(empty, C0, both), lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        runAsNonRoot: true', '        runAsUser: 10001'));
  });
});

describe('setSecurityContextKey: the key exists', () => {
  it('replaces only the value scalar, keeping the trailing comment', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: true   # needed for dind', '        runAsUser: 1000');
    assert.equal(set(text, C0, 'privileged', 'false'), text.replace('privileged: true', 'privileged: false'));
  });

  it('replaces a quoted value including its quotes', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        allowPrivilegeEscalation: "true"');
    assert.equal(set(text, C0, 'allowPrivilegeEscalation', 'false'), text.replace('"true"', 'false'));
  });

  it('drops an explicit tag, which would keep the new value a string, but keeps an anchor', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        runAsNonRoot: !!str &flag false');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text.replace('!!str &flag false', '&flag true'));
  });

  it('fills an empty value', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        runAsNonRoot:', '        runAsUser: 1000');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text.replace('runAsNonRoot:', 'runAsNonRoot: true'));
  });

  it('replaces a value inside a flow map', () => {
    const text = lines('spec:', '  containers:', '    - {name: a, securityContext: {privileged: true, runAsUser: 1}}');
    assert.equal(set(text, C0, 'privileged', 'false'), text.replace('privileged: true', 'privileged: false'));
  });

  it('replaces a block map written where a scalar belongs', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged:', '          oops: 1', '      image: x');
    assert.equal(set(text, C0, 'privileged', 'false'), lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: false', '      image: x'));
  });
});

describe('setSecurityContextKey: a block securityContext without the key', () => {
  it('adds one line after the last pair, at the indentation of its keys', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        runAsUser: 1000', '      image: x');
    assert.equal(
      set(text, C0, 'allowPrivilegeEscalation', 'false'),
      lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        runAsUser: 1000', '        allowPrivilegeEscalation: false', '      image: x'),
    );
  });

  it('keeps a trailing comment on the last pair and comment lines after it in place', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        runAsUser: 1000 # uid of app', '        # readOnlyRootFilesystem: true', '    # the sidecar', '    - name: b');
    assert.equal(
      set(text, C0, 'runAsNonRoot', 'true'),
      lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        runAsUser: 1000 # uid of app', '        runAsNonRoot: true', '        # readOnlyRootFilesystem: true', '    # the sidecar', '    - name: b'),
    );
  });

  it('goes after a nested last value and the comments indented under it', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        capabilities:', '          drop:', '            - ALL', '            # - NET_RAW', '      image: x');
    assert.equal(
      set(text, C0, 'allowPrivilegeEscalation', 'false'),
      lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        capabilities:', '          drop:', '            - ALL', '            # - NET_RAW', '        allowPrivilegeEscalation: false', '      image: x'),
    );
  });

  it('follows a 4-space file', () => {
    const text = lines('spec:', '    containers:', '        -   name: a', '            securityContext:', '                runAsUser: 1000');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text + '                runAsNonRoot: true\n');
  });

  it('adds a line break first when the last line has none', () => {
    const text = 'spec:\n  containers:\n    - name: a\n      securityContext:\n        runAsUser: 1000';
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), `${text}\n        runAsNonRoot: true`);
  });

  it('writes CRLF line endings in a CRLF file', () => {
    const text = 'spec:\r\n  containers:\r\n    - name: a\r\n      securityContext:\r\n        runAsUser: 1000\r\n      image: x\r\n';
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text.replace('1000\r\n', '1000\r\n        runAsNonRoot: true\r\n'));
  });

  it('goes after a block scalar that ends the map', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        seLinuxOptions:', '          level: |', '            s0:c123', '', '      image: x');
    assert.equal(
      set(text, C0, 'runAsNonRoot', 'true'),
      lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        seLinuxOptions:', '          level: |', '            s0:c123', '        runAsNonRoot: true', '', '      image: x'),
    );
  });
});

describe('setSecurityContextKey: a flow securityContext', () => {
  it('adds `, key: value` before the closing brace', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext: {privileged: false}  # flow');
    assert.equal(set(text, C0, 'allowPrivilegeEscalation', 'false'), text.replace('{privileged: false}', '{privileged: false, allowPrivilegeEscalation: false}'));
  });

  it('fills an empty flow map', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext: {}');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text.replace('{}', '{runAsNonRoot: true}'));
  });

  it('reuses a trailing comma', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext: {runAsUser: 1, }');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text.replace('{runAsUser: 1, }', '{runAsUser: 1, runAsNonRoot: true }'));
  });

  it('adds after the last value of a multi-line flow map, not into its comment', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext: {', '        runAsUser: 1 # app', '      }');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text.replace('runAsUser: 1 # app', 'runAsUser: 1, runAsNonRoot: true # app'));
  });
});

describe('setSecurityContextKey: an empty securityContext', () => {
  it('nests the key under `securityContext:` with nothing after it', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext:', '      image: x');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        runAsNonRoot: true', '      image: x'));
  });

  it('removes `~` but keeps the comment after it', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext: ~ # fill me', '      image: x');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), lines('spec:', '  containers:', '    - name: a', '      securityContext: # fill me', '        runAsNonRoot: true', '      image: x'));
  });

  it('replaces `null` and uses the owner\'s own indentation step (4)', () => {
    const text = lines('spec:', '    containers:', '    -   name: a', '        resources:', '            limits: {cpu: 1}', '        securityContext: null');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), lines('spec:', '    containers:', '    -   name: a', '        resources:', '            limits: {cpu: 1}', '        securityContext:', '            runAsNonRoot: true'));
  });

  it('works on the last line without a line break', () => {
    const text = 'spec:\n  containers:\n    - name: a\n      securityContext:';
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), `${text}\n        runAsNonRoot: true`);
  });

  it('fills a null securityContext of a flow owner with a flow map', () => {
    const text = lines('spec:', '  containers:', '    - {name: a, securityContext: null}');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text.replace('null', '{runAsNonRoot: true}'));
  });
});

describe('setSecurityContextKey: no securityContext', () => {
  it('adds it after the last pair of a `- name:` container, at the column of `name`', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '    - name: b');
    assert.equal(set(text, C0, 'allowPrivilegeEscalation', 'false'), lines('spec:', '  containers:', '    - name: a', '      securityContext:', '        allowPrivilegeEscalation: false', '    - name: b'));
  });

  it('goes after a nested list and the comments under it, before the next item\'s comment', () => {
    const text = lines('spec:', '  containers:', '    - name: a # the app', '      ports:', '        - containerPort: 80 # http', '          # more later', '    # sidecar next', '    - name: b');
    assert.equal(
      set(text, C0, 'runAsNonRoot', 'true'),
      lines('spec:', '  containers:', '    - name: a # the app', '      ports:', '        - containerPort: 80 # http', '          # more later', '      securityContext:', '        runAsNonRoot: true', '    # sidecar next', '    - name: b'),
    );
  });

  it('handles compact sequences (`- name:` at the parent key\'s column)', () => {
    const text = lines('spec:', '  containers:', '  - name: a', '    image: x', '  initContainers:', '  - name: init');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), lines('spec:', '  containers:', '  - name: a', '    image: x', '    securityContext:', '      runAsNonRoot: true', '  initContainers:', '  - name: init'));
  });

  it('takes the step from the owner\'s children before the rest of the file', () => {
    const text = lines('metadata:', '  name: x', 'spec:', '  containers:', '    - name: a', '      resources:', '          limits:', '              cpu: 1');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text + '      securityContext:\n          runAsNonRoot: true\n');
  });

  it('takes the step from the document when the owner has no nested map', () => {
    const text = lines('metadata:', '    name: x', 'spec:', '    containers:', '    -   name: a', '        image: x');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text + '        securityContext:\n            runAsNonRoot: true\n');
  });

  it('adds a pod-level securityContext to a pod spec', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '  volumes:', '    - name: v', '      emptyDir: {}', 'status: {}');
    assert.equal(set(text, ['spec'], 'runAsNonRoot', 'true'), lines('spec:', '  containers:', '    - name: a', '  volumes:', '    - name: v', '      emptyDir: {}', '  securityContext:', '    runAsNonRoot: true', 'status: {}'));
  });

  it('adds a line break first when the last line has none, and keeps CRLF', () => {
    const text = 'spec:\r\n  containers:\r\n    - name: a\r\n      image: x';
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), `${text}\r\n      securityContext:\r\n        runAsNonRoot: true`);
  });

  it('adds `, securityContext: {…}` to a flow container', () => {
    const text = lines('spec:', '  containers:', '    - {name: a, image: b} # one-liner');
    assert.equal(set(text, C0, 'allowPrivilegeEscalation', 'false'), text.replace('image: b}', 'image: b, securityContext: {allowPrivilegeEscalation: false}}'));
  });

  it('fills an empty flow owner', () => {
    const text = lines('spec:', '  containers:', '    - {}');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text.replace('{}', '{securityContext: {runAsNonRoot: true}}'));
  });
});

describe('setSecurityContextKey: what it will not touch', () => {
  it('returns no edits when securityContext is not a map', () => {
    const text = lines('spec:', '  containers:', '    - name: a', '      securityContext: restricted');
    assert.equal(set(text, C0, 'runAsNonRoot', 'true'), text);
  });
});

describe('securityContext fixes through lint()', () => {
  it('positions edits in the second document of a multi-document file', () => {
    const text = lines(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: c}',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  containers:',
      '    - name: a',
      '      securityContext:',
      '        privileged: true',
    );
    const finding = lint({ fileName: 'pod.yaml', text }).findings.find((f) => f.ruleId === 'privileged-container');
    assert.ok(finding?.fix);
    assert.deepEqual(finding.range, { start: { line: 12, character: 8 }, end: { line: 12, character: 24 } });
    assert.equal(applyEdits(text, finding.fix.edits), text.replace('privileged: true', 'privileged: false'));
  });

  it('fixes a custom resource found through podTemplatePaths', () => {
    const text = lines(
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Rollout',
      'metadata:',
      '  name: canary',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: example.com/app:1.0.0',
    );
    const config = mergeConfig(defaultConfig(), { podTemplatePaths: [{ kind: 'Rollout', apiGroup: 'argoproj.io', path: ['spec', 'template', 'spec'] }] });
    const finding = lint({ fileName: 'rollout.yaml', text, config }).findings.find((f) => f.ruleId === 'run-as-root-allowed');
    assert.ok(finding?.fix);
    assert.equal(finding.range.start.line, 8);
    assert.equal(applyEdits(text, finding.fix.edits), `${text}          securityContext:\n            runAsNonRoot: true\n`);
  });

  it('offers no escalation fix on a container that is privileged by a recorded choice (privileged-container ignored)', () => {
    const pod = (pragma: string) =>
      lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: dind', 'spec:', '  containers:', '    - name: dind', '      image: docker:27-dind', '      securityContext:', ...(pragma ? [`        ${pragma}`] : []), '        privileged: true');
    const escalation = (text: string) => lint({ fileName: 'pod.yaml', text }).findings.find((f) => f.ruleId === 'privilege-escalation-allowed');
    assert.equal(escalation(pod(''))?.fix?.title, 'Set allowPrivilegeEscalation: false and privileged: false');
    for (const pragma of ['# seaworthy-ignore privileged-container -- docker in docker']) {
      const finding = escalation(pod(pragma));
      assert.ok(finding);
      assert.equal(finding.fix, undefined);
      assert.match(finding.message, /privileged-container is ignored here, so no fix is offered/);
    }
    const fileWide = escalation(`# seaworthy-ignore-file privileged-container\n${pod('')}`);
    assert.equal(fileWide?.fix, undefined);
  });

  it('offers no escalation fix next to an added CAP_SYS_ADMIN, which the API server would reject', () => {
    const text = lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: fuse',
      'spec:',
      '  containers:',
      '    - name: fuse',
      '      image: example.com/fuse:1.0.0',
      '      securityContext:',
      '        capabilities:',
      '          add: [CAP_SYS_ADMIN]',
    );
    const finding = lint({ fileName: 'pod.yaml', text }).findings.find((f) => f.ruleId === 'privilege-escalation-allowed');
    assert.ok(finding);
    assert.equal(finding.fix, undefined);
    assert.match(finding.message, /CAP_SYS_ADMIN/);
  });

  it('fix-all of privileged, escalation and root findings on one container converges to a clean, valid container', () => {
    const text = lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: dind',
      'spec:',
      '  containers:',
      '    - name: dind # docker in docker',
      '      image: docker:27-dind',
      '      securityContext: {privileged: true}',
    );
    const ids = new Set(['privileged-container', 'privilege-escalation-allowed', 'run-as-root-allowed']);
    const lintText = (t: string) => lint({ fileName: 'pod.yaml', text: t }).findings.filter((f) => ids.has(f.ruleId));
    const fixed = fixAll(text, lintText).text;
    assert.deepEqual(lintText(fixed), []);
    assert.equal(fixed, text.replace('{privileged: true}', '{privileged: false, runAsNonRoot: true, allowPrivilegeEscalation: false}'));
  });
});

import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  LintCache,
  OverlappingEditsError,
  applyEdits,
  defaultConfig,
  ignoreRuleEdit,
  kindByName,
  lint,
  mergeConfig,
  parseConfig,
  RULE_IDS,
  type Finding,
} from '../../server/src/engine';
import { LineIndex } from '../../server/src/parse/lineIndex';
import { splitYamlDocuments } from '../../server/src/parse/yamlDocuments';
import { shellParserReady } from '../support/shellParser';

before(shellParserReady);

const PRIVILEGED_POD = (name: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n        allowPrivilegeEscalation: false\n        runAsNonRoot: true\n        capabilities: {drop: [ALL]}\n      resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 10m, memory: 16Mi}}\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n`;

function ids(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line}:${f.ruleId}`);
}

describe('file kinds by name', () => {
  const cases: [string, string][] = [
    ['Dockerfile', 'dockerfile'],
    ['dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['api.Dockerfile', 'dockerfile'],
    ['Dockerfile.prod', 'dockerfile'],
    ['build/web.containerfile', 'dockerfile'],
    ['Dockerfile.yaml', 'yaml'],
    ['Dockerfile.dockerignore', 'unknown'],
    ['deploy.yml', 'yaml'],
    ['.seaworthy.yaml', 'config'],
    ['README.md', 'unknown'],
  ];
  for (const [name, kind] of cases) it(`${name} is ${kind}`, () => assert.equal(kindByName(name), kind));
});

describe('YAML documents', () => {
  it('splits at --- lines only at column 0 and keeps every line', () => {
    const text = 'a: 1\n---\nb: |\n  --- not a marker\n---   \nc: 3\n...\n';
    const chunks = splitYamlDocuments(text);
    assert.deepEqual(
      chunks.map((c) => [c.startLine, c.text]),
      [
        [0, 'a: 1\n'],
        [1, '---\nb: |\n  --- not a marker\n'],
        [4, '---   \nc: 3\n...\n'],
      ],
    );
    assert.equal(chunks.map((c) => c.text).join(''), text);
  });

  it('reports findings at file positions in every document of a multi-document file', () => {
    const text = `${PRIVILEGED_POD('a')}---\n${PRIVILEGED_POD('b')}`;
    const findings = lint({ fileName: 'pods.yaml', text }).findings.filter((f) => f.ruleId === 'privileged-container');
    assert.deepEqual(ids(findings), ['9:privileged-container', '26:privileged-container']);
  });

  it('re-uses unchanged documents from the cache and still reports the edited one', () => {
    const cache = new LintCache();
    const first = `${PRIVILEGED_POD('a')}---\n${PRIVILEGED_POD('b')}`;
    lint({ fileName: 'pods.yaml', text: first, cache });
    const edited = first.replace('name: b', 'name: bb').replace(/privileged: true\n(?![^]*privileged: true)/, 'privileged: false\n');
    const findings = lint({ fileName: 'pods.yaml', text: edited, cache }).findings.filter((f) => f.ruleId === 'privileged-container');
    assert.deepEqual(ids(findings), ['9:privileged-container']);
  });

  it('reports a YAML syntax error in a manifest and still checks the other documents', () => {
    const text = `apiVersion: v1\nkind: Pod\nspec: [unclosed\n---\n${PRIVILEGED_POD('ok')}`;
    const findings = lint({ fileName: 'mixed.yaml', text }).findings;
    assert.ok(findings.some((f) => f.ruleId === 'invalid-file' && f.range.start.line <= 3), JSON.stringify(findings));
    assert.ok(findings.some((f) => f.ruleId === 'privileged-container' && f.range.start.line === 13));
  });

  it('reports one YAML syntax error per place, however many the parser gives there', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n name: x\n  bad: y\n';
    const errors = lint({ fileName: 'pod.yaml', text }).findings.filter((f) => f.ruleId === 'invalid-file');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]!.message, /^YAML syntax error: /);
    const compose = lint({ fileName: 'compose.yaml', text: 'services:\n  web:\n    image: a\n   ports: - 1\n' }).findings.filter((f) => f.ruleId === 'invalid-file');
    const places = compose.map((f) => `${f.range.start.line}:${f.range.start.character}`);
    assert.deepEqual(places, [...new Set(places)]);
  });

  it('claims nothing about Helm templates (one info says they are skipped) and leaves non-Kubernetes YAML alone', () => {
    const helm = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: {{ .Values.name }}\n      securityContext: {privileged: true}\n';
    // Nothing is claimed about the template; one info says it was not checked.
    assert.deepEqual(lint({ fileName: 'templates/pod.yaml', text: helm }).findings.map((f) => `${f.ruleId}:${f.severity}`), ['template-not-checked:info']);
    assert.deepEqual(lint({ fileName: 'ci.yaml', text: 'jobs:\n  build: [unclosed\n' }).findings, []);
  });
});

describe('USER without an argument', () => {
  it('is reported where it is written and does not hide the root-user finding', () => {
    const text = 'FROM debian:12-slim\nRUN useradd --no-log-init app\nUSER \nCMD ["app"]\n';
    const findings = lint({ fileName: 'Dockerfile', text }).findings;
    const bare = findings.filter((f) => f.ruleId === 'invalid-file');
    assert.deepEqual(ids(bare), ['2:invalid-file']);
    assert.match(bare[0]!.message, /USER needs a user/);
    assert.deepEqual(ids(findings.filter((f) => f.ruleId === 'final-stage-runs-as-root')), ['0:final-stage-runs-as-root']);
  });

  it('leaves an earlier USER in force', () => {
    const text = 'FROM debian:12-slim\nUSER 10001\nuser\nCMD ["app"]\n';
    const findings = lint({ fileName: 'Dockerfile', text }).findings;
    assert.deepEqual(ids(findings.filter((f) => f.ruleId === 'invalid-file' || f.ruleId === 'final-stage-runs-as-root')), ['2:invalid-file']);
  });
});

describe('suppressions', () => {
  it('honours a seaworthy-ignore pragma above a YAML node, with a reason', () => {
    const text = PRIVILEGED_POD('p').replace('        privileged: true', '        # seaworthy-ignore privileged-container -- needs the GPU device\n        privileged: true');
    assert.deepEqual(ids(lint({ fileName: 'p.yaml', text }).findings), []);
  });

  it('honours seaworthy-ignore-file and the seaworthy.dev/ignore annotation', () => {
    const fileWide = `# seaworthy-ignore-file privileged-container\n${PRIVILEGED_POD('p')}`;
    assert.deepEqual(ids(lint({ fileName: 'p.yaml', text: fileWide }).findings), []);
    const annotated = PRIVILEGED_POD('p').replace('  name: p\n', '  name: p\n  annotations:\n    seaworthy.dev/ignore: "privileged-container"\n');
    assert.deepEqual(ids(lint({ fileName: 'p.yaml', text: annotated }).findings), []);
  });

  it('honours hadolint ignore for the rule carrying that code, on the next instruction only', () => {
    const text = '# hadolint ignore=DL3007\nFROM node:latest AS build\nFROM node:latest\nUSER node\n';
    const findings = lint({ fileName: 'Dockerfile', text }).findings.filter((f) => f.ruleId === 'base-image-latest-tag');
    assert.deepEqual(ids(findings), ['2:base-image-latest-tag']);
  });

  it('"ignore here" inserts a pragma above the line, or adds the id to one already there', () => {
    const lines = new LineIndex('spec:\n  # seaworthy-ignore rule-a\n  privileged: true\n  hostPID: true\n');
    assert.deepEqual(applyEdits(lines.text, [ignoreRuleEdit(lines, 2, 'rule-b')]), 'spec:\n  # seaworthy-ignore rule-a,rule-b\n  privileged: true\n  hostPID: true\n');
    assert.deepEqual(applyEdits(lines.text, [ignoreRuleEdit(lines, 3, 'rule-c')]), 'spec:\n  # seaworthy-ignore rule-a\n  privileged: true\n  # seaworthy-ignore rule-c\n  hostPID: true\n');
  });
});

describe('configuration', () => {
  it('reports each mistake with its range and keeps the defaults for it', () => {
    const text = 'rules:\n  privileged-container: off\n  no-such-rule: error\n  base-image-latest-tag: loud\nignorePaths: vendor/**\ncolour: blue\n';
    const { config, problems } = parseConfig(text, RULE_IDS);
    assert.deepEqual(config.rules, { 'privileged-container': 'off' });
    assert.deepEqual(config.ignorePaths, []);
    assert.deepEqual(
      problems.map((p) => [p.range.start.line, p.message]),
      [
        [2, 'unknown rule "no-such-rule" (see `seaworthy rules`)'],
        [3, 'severity for base-image-latest-tag must be one of error, warning, info, hint, off (got "loud")'],
        [4, 'ignorePaths must be a list of strings'],
        [5, 'unknown setting "colour"; known settings: profile, podSecurityLevel, rules, ignorePaths, trustedRegistries, podTemplatePaths, labelSchema, strictLabels'],
      ],
    );
  });

  it('reads labelSchema and strictLabels, reporting an unknown format or a non-boolean with its range', () => {
    const text = 'labelSchema:\n  org.opencontainers.image.source: url\n  version: semver\n  created: date\nstrictLabels: yes please\n';
    const { config, problems } = parseConfig(text, RULE_IDS);
    assert.deepEqual(config.labelSchema, { 'org.opencontainers.image.source': 'url', version: 'semver' });
    assert.equal(config.strictLabels, false);
    assert.deepEqual(
      problems.map((p) => [p.range.start.line, p.message]),
      [
        [3, 'labelSchema: the format of "created" must be one of text, url, rfc3339, spdx, hash, semver, email (got "date")'],
        [4, 'strictLabels must be true or false'],
      ],
    );
    assert.equal(parseConfig('strictLabels: true\n', RULE_IDS).config.strictLabels, true);
    assert.deepEqual(parseConfig('labelSchema: [a]\n', RULE_IDS).problems.map((p) => p.message), ['labelSchema must map label keys to a format (text, url, rfc3339, spdx, hash, semver, email)']);
  });

  it('accepts the three profiles and reports any other with its range', () => {
    assert.equal(parseConfig('profile: strict\n', RULE_IDS).config.profile, 'strict');
    const { config, problems } = parseConfig('profile: paranoid\n', RULE_IDS);
    assert.equal(config.profile, null);
    assert.deepEqual(problems.map((p) => [p.range.start.line, p.range.start.character, p.message]), [[0, 9, 'profile must be one of recommended, strict, all']]);
  });

  it('applies severity overrides and off', () => {
    const config = mergeConfig(defaultConfig(), { rules: { 'privileged-container': 'info', 'run-as-root-allowed': 'off' } });
    const findings = lint({ fileName: 'p.yaml', text: PRIVILEGED_POD('p').replace('        runAsNonRoot: true\n', ''), config }).findings;
    assert.deepEqual(findings.map((f) => `${f.ruleId}:${f.severity}`), ['privileged-container:info']);
  });

  it('reports a .seaworthy.yaml mistake as invalid-config in the config file', () => {
    const findings = lint({ fileName: '.seaworthy.yaml', text: 'rules: [a]\n' }).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line]), [['invalid-config', 0]]);
  });
});

describe('bad input', () => {
  it('refuses binary and oversized text with one clear finding', () => {
    const binary = lint({ fileName: 'Dockerfile', text: 'FROM x\u0000\u0001' }).findings;
    assert.deepEqual(binary.map((f) => [f.ruleId, f.message]), [['invalid-file', 'file not checked: it holds binary data (NUL bytes), not text']]);
    const huge = lint({ fileName: 'big.yaml', text: 'a: 1\n'.repeat(1_100_000) }).findings;
    assert.deepEqual(huge.map((f) => f.ruleId), ['invalid-file']);
    assert.match(huge[0]?.message ?? '', /5\.2 MB is over the 5 MB limit/);
  });

  it('never throws on half-typed input', () => {
    for (const text of ['FROM', 'FROM \\\n', 'ARG', 'USER', 'ADD', 'FROM ${', 'ENV =', 'RUN <<EOF\n']) {
      assert.doesNotThrow(() => lint({ fileName: 'Dockerfile', text }));
    }
    for (const text of ['apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - ', 'apiVersion: v1\nkind: Pod\nspec: {containers: [{securityContext: ', '---\n---\n', '&a [*a]']) {
      assert.doesNotThrow(() => lint({ fileName: 'x.yaml', text }));
    }
  });

  it('applyEdits refuses overlapping edits and changes nothing', () => {
    const at = (line: number, character: number) => ({ line, character });
    assert.throws(
      () =>
        applyEdits('abcdef', [
          { range: { start: at(0, 1), end: at(0, 4) }, newText: 'X' },
          { range: { start: at(0, 3), end: at(0, 5) }, newText: 'Y' },
        ]),
      OverlappingEditsError,
    );
  });
});

describe('Pod Security level', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      image: nginx:1.27\n';

  it('defaults to restricted and quotes the admission controller at the enforced level', () => {
    const restricted = lint({ fileName: 'p.yaml', text: pod }).findings;
    assert.ok(restricted.some((f) => f.ruleId === 'seccomp-profile-missing'));
    assert.match(restricted.find((f) => f.ruleId === 'host-namespace-shared')?.message ?? '', /violates PodSecurity "restricted:latest": host namespaces \(hostPID=true\)$/);
    const baseline = lint({ fileName: 'p.yaml', text: pod, config: { ...defaultConfig(), podSecurityLevel: 'baseline' } }).findings;
    assert.deepEqual(baseline.filter((f) => f.refs.pss.length > 0).map((f) => f.ruleId), ['host-namespace-shared']);
    assert.match(baseline[0]?.message ?? '', /violates PodSecurity "baseline:latest"/);
  });

  it('reads podSecurityLevel from .seaworthy.yaml and reports a wrong value at its place', () => {
    assert.equal(parseConfig('podSecurityLevel: baseline\n', RULE_IDS).config.podSecurityLevel, 'baseline');
    const { config, problems } = parseConfig('podSecurityLevel: privileged\n', RULE_IDS);
    assert.equal(config.podSecurityLevel, 'restricted');
    assert.deepEqual(problems.map((p) => [p.range.start.line, p.range.start.character, p.message]), [[0, 18, 'podSecurityLevel must be baseline or restricted (got "privileged")']]);
  });
});

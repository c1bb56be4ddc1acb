import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as fs from 'node:fs';
import { onlyRulesConfig, parseJsonReport, runCli, tempProject, type JsonFinding, type TempProject } from './cliHarness';

/** Manifests read as the API server reads them: anchors, aliases, merge keys, duplicate keys. */
const ANCHORED = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: a
      image: nginx:1.27
      securityContext: &sc
        privileged: true
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
    - name: b
      image: nginx:1.27
      securityContext: *sc
`;

const DUPLICATED = `apiVersion: v1
kind: Pod
metadata:
  name: twice
spec:
  containers:
    - name: later-wins
      image: busybox:1.36
      securityContext:
        privileged: false
        privileged: true
`;

const BOMB = `apiVersion: v1
kind: Pod
metadata:
  name: bomb
x0: &a0 [privileged, privileged, privileged, privileged, privileged, privileged, privileged, privileged, privileged]
x1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
x2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
x3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
x4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
x5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
spec:
  containers:
    - name: c
      image: busybox:1.36
      securityContext: {privileged: true}
`;

const HELM = `# templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: app
          securityContext: {privileged: true}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
spec:
  type: NodePort
`;

function only(findings: readonly JsonFinding[], file: string, ruleId: string): JsonFinding[] {
  return findings.filter((f) => f.file.endsWith(file) && f.ruleId === ruleId);
}

describe('Kubernetes YAML read as the API server reads it', () => {
  let project: TempProject;
  let findings: JsonFinding[];

  before(async () => {
    project = tempProject({ 'anchored.yaml': ANCHORED, 'duplicated.yaml': DUPLICATED, 'bomb.yaml': BOMB, 'chart/templates/deployment.yaml': HELM });
    const run = await runCli(['check', '--format', 'json'], { cwd: project.dir });
    findings = parseJsonReport(run.stdout).findings;
  });
  after(() => project.dispose());

  it('reports a privileged container reached through an alias at the alias, naming the anchor, without a fix', () => {
    const privileged = only(findings, 'anchored.yaml', 'privileged-container');
    assert.deepEqual(privileged.map((f) => [f.range.start.line, f.range.start.character, f.range.end.character]), [[12, 8, 24], [17, 23, 26]]);
    const [atAnchor, atAlias] = privileged;
    assert.equal(atAnchor?.fix?.title, 'Set privileged: false (also changes every *sc)');
    assert.equal(atAlias?.fix, undefined);
    assert.match(atAlias?.message ?? '', /^Container "b" of Pod "web" runs privileged \(set by the anchor &sc, used here as \*sc; .*\) — violates PodSecurity "restricted:latest": privileged \(container "b" must not/);
  });

  it('does not report what the anchored map already sets for the aliasing container', () => {
    const other = findings.filter((f) => f.file.endsWith('anchored.yaml') && f.ruleId !== 'privileged-container' && f.ruleId !== 'resources-unset' && f.ruleId !== 'root-filesystem-writable');
    assert.deepEqual(other.map((f) => f.ruleId), []);
  });

  it('checks the later of two equal keys and reports the earlier one with a fix that removes it', () => {
    assert.deepEqual(only(findings, 'duplicated.yaml', 'privileged-container').map((f) => f.range.start.line), [10]);
    const [duplicate] = only(findings, 'duplicated.yaml', 'invalid-file');
    assert.deepEqual(duplicate?.range, { start: { line: 9, character: 8 }, end: { line: 9, character: 18 } });
    assert.match(duplicate?.message ?? '', /^duplicate key "privileged": kubectl's strict field validation rejects the object/);
    assert.deepEqual(duplicate?.fix?.edits, [{ range: { start: { line: 9, character: 0 }, end: { line: 10, character: 0 } }, newText: '' }]);
  });

  it('checks a document holding an alias bomb without expanding it beyond its bound', () => {
    assert.deepEqual(only(findings, 'bomb.yaml', 'privileged-container').map((f) => f.range.start.line), [14]);
  });

  it('says once, as info, that the Helm template documents of a file are not checked, and claims nothing about them', () => {
    const helm = findings.filter((f) => f.file.endsWith('deployment.yaml'));
    assert.deepEqual(helm.map((f) => [f.ruleId, f.severity, f.range.start.line, f.range.start.character, f.range.end.character]), [['template-not-checked', 'info', 4, 8, 38]]);
    assert.equal(helm[0]?.message, 'Helm template: 2 Kubernetes documents with {{ … }} not checked until rendered (check the output of helm template)');
  });
});

/** YAML 1.1 booleans as go-yaml v2 reads them, and a boolean field written as a string. */
const BOOLEANS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: "yes"
      containers:
        - name: word
          image: nginx:1.27
          securityContext:
            privileged: On
        - name: quoted
          image: nginx:1.27
          securityContext:
            privileged: "true" # meant as true
            readOnlyRootFilesystem: "true"
`;

describe('Kubernetes booleans read as the API server reads them', () => {
  let project: TempProject;
  const RULE = 'boolean-field-not-a-boolean';

  before(() => {
    project = tempProject({ 'deploy.yaml': BOOLEANS, '.seaworthy.yaml': 'profile: strict\n' });
  });
  after(() => project.dispose());

  it('takes an unquoted On as true, and reports a quoted "true" as the API server\'s rejection, not as on or off', async () => {
    const run = await runCli(['check', '--format', 'json', 'deploy.yaml'], { cwd: project.dir });
    assert.equal(run.code, 1);
    const findings = parseJsonReport(run.stdout).findings;
    assert.deepEqual(only(findings, 'deploy.yaml', 'privileged-container').map((f) => f.range.start.line), [13]);
    const rejected = only(findings, 'deploy.yaml', RULE);
    assert.deepEqual(rejected.map((f) => [f.severity, f.range.start.line, f.range.start.character, f.range.end.character, f.fix?.title ?? null]), [
      ['error', 8, 8, 27, null],
      ['error', 17, 12, 30, 'Write true as a boolean'],
      ['error', 18, 12, 42, 'Write true as a boolean'],
    ]);
    assert.equal(
      rejected[1]?.message,
      'privileged: "true" in Deployment "web" is a quoted string, not a boolean: the API server rejects the object (json: cannot unmarshal string into Go struct field SecurityContext.spec.template.spec.containers.securityContext.privileged of type bool)',
    );
    assert.equal(
      rejected[0]?.message,
      'runAsNonRoot: "yes" in Deployment "web" is a quoted string, not a boolean: the API server rejects the object (json: cannot unmarshal string into Go struct field PodSecurityContext.spec.template.spec.securityContext.runAsNonRoot of type bool); write runAsNonRoot: true or runAsNonRoot: false, unquoted (without the quotes, yes reads as true)',
    );
    // Nothing reads a meaning into the rejected values: runAsNonRoot is claimed neither set nor unset,
    // and only the container without readOnlyRootFilesystem ("word", line 10) is said to write to its root.
    assert.deepEqual(findings.filter((f) => f.ruleId === 'run-as-root-allowed' || f.ruleId === 'root-filesystem-writable').map((f) => `${f.ruleId}@${f.range.start.line}`), ['root-filesystem-writable@10']);
  });

  it('--fix unquotes "true" (keeping the comment) and leaves "yes" to the author', async () => {
    // This rule's fixes alone: the others would harden the file too.
    fs.writeFileSync(project.path('.seaworthy.yaml'), await onlyRulesConfig({ [RULE]: null }));
    const run = await runCli(['check', '--fix', 'deploy.yaml'], { cwd: project.dir });
    assert.equal(
      project.read('deploy.yaml'),
      BOOLEANS.replace('privileged: "true" # meant as true', 'privileged: true # meant as true').replace('readOnlyRootFilesystem: "true"', 'readOnlyRootFilesystem: true'),
    );
  });
});

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PRIVILEGED_POD, REF_KEYS, catalogue, parseJsonReport, runCli, tempProject, type CatalogueRule, type CliRun, type JsonFinding, type TempProject } from './cliHarness';

const DOCKERFILE = 'FROM node:latest\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';
const BROKEN_MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n';

/** Applies a fix's edits to `text` (edits of one fix never overlap), last first. */
function applyFix(text: string, fix: NonNullable<JsonFinding['fix']>): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const edits = [...fix.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  return edits.reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('check --format json', () => {
  let project: TempProject;
  let run: CliRun;
  let findings: JsonFinding[];
  let rules: CatalogueRule[];

  before(async () => {
    project = tempProject({ Dockerfile: DOCKERFILE, 'deploy/pod.yaml': PRIVILEGED_POD, 'deploy/broken.yaml': BROKEN_MANIFEST });
    run = await runCli(['check', '--format', 'json'], { cwd: project.dir });
    findings = parseJsonReport(run.stdout).findings;
    rules = await catalogue(project.dir);
  });
  after(() => project.dispose());

  it('prints exactly one JSON object with version 1 and findings, and exits 1', () => {
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(report), ['version', 'findings']);
    assert.equal(report.version, 1);
    assert.ok(Array.isArray(report.findings));
    assert.equal(run.stdout.trim().split('\n').length, 1, 'one line, one object');
  });

  it('gives every finding the contract keys in order, all nine refs keys, and fix only when fixable', () => {
    assert.ok(findings.length >= 3);
    for (const f of findings) {
      const keys = Object.keys(f);
      assert.deepEqual(keys, f.fix ? ['file', 'ruleId', 'severity', 'message', 'range', 'refs', 'fix'] : ['file', 'ruleId', 'severity', 'message', 'range', 'refs']);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(f.severity));
      assert.ok(f.message.length > 0);
      assert.deepEqual(Object.keys(f.range), ['start', 'end']);
      assert.deepEqual(Object.keys(f.range.start), ['line', 'character']);
      assert.deepEqual(Object.keys(f.range.end), ['line', 'character']);
      assert.deepEqual(Object.keys(f.refs), REF_KEYS);
      for (const key of REF_KEYS) assert.ok(Array.isArray(f.refs[key]), `refs.${key} is an array`);
      if (f.fix) {
        assert.deepEqual(Object.keys(f.fix), ['title', 'edits']);
        assert.ok(f.fix.edits.length > 0);
        for (const e of f.fix.edits) assert.deepEqual(Object.keys(e), ['range', 'newText']);
      }
    }
  });

  it('reports privileged-container exactly: file with forward slashes, 0-based range, PSS refs, a fix to privileged: false', () => {
    const privileged = findings.filter((f) => f.ruleId === 'privileged-container');
    assert.equal(privileged.length, 1);
    const [f] = privileged as [JsonFinding];
    assert.equal(f.file, 'deploy/pod.yaml');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, { start: { line: 9, character: 8 }, end: { line: 9, character: 24 } });
    assert.deepEqual(f.refs.pss, [{ level: 'baseline', control: 'privileged' }]);
    assert.deepEqual(f.refs.hadolint, []);
    assert.ok(f.refs.trivy?.includes('KSV-0017'));
    assert.ok(f.fix, 'privileged-container is fixable');
    assert.equal(applyFix(PRIVILEGED_POD, f.fix), PRIVILEGED_POD.replace('privileged: true', 'privileged: false'));
  });

  it('reports the Dockerfile with Dockerfile rules only, each a rule of the catalogue', () => {
    const ids = new Map(rules.map((r) => [r.id, r]));
    const inDockerfile = findings.filter((f) => f.file === 'Dockerfile');
    assert.ok(inDockerfile.length > 0, 'FROM node:latest without USER is reported');
    for (const f of inDockerfile) assert.equal(ids.get(f.ruleId)?.appliesTo, 'dockerfile', f.ruleId);
    if (ids.has('base-image-latest-tag')) {
      const latest = inDockerfile.find((f) => f.ruleId === 'base-image-latest-tag');
      assert.deepEqual(latest?.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } });
    }
  });

  it('reports a YAML syntax error as invalid-file at its place, without a fix', () => {
    const broken = findings.filter((f) => f.file === 'deploy/broken.yaml');
    assert.ok(broken.length > 0);
    for (const f of broken) {
      assert.equal(f.ruleId, 'invalid-file');
      assert.equal(f.severity, 'error');
      assert.match(f.message, /YAML/);
      assert.equal('fix' in f, false);
    }
  });

  it('sorts findings by file, then line, then character', () => {
    const keys = findings.map((f) => [f.file, f.range.start.line, f.range.start.character] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(keys, sorted);
  });

  it('prints the same findings for the same files named one by one', async () => {
    const named = await runCli(['check', 'deploy/pod.yaml', 'Dockerfile', 'deploy/broken.yaml', '--format=json'], { cwd: project.dir });
    assert.deepEqual(parseJsonReport(named.stdout).findings, findings);
  });
});

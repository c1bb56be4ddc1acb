import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { PRIVILEGED_POD, onlyRulesConfig, parseJsonReport, runCli, tempProject, type TempProject } from './cliHarness';

const FIXED_POD = PRIVILEGED_POD.replace('privileged: true', 'privileged: false');

describe('check --fix', () => {
  let project: TempProject;
  let onlyPrivileged: string;
  before(async () => {
    onlyPrivileged = await onlyRulesConfig({ 'privileged-container': null });
  });
  beforeEach(() => {
    // Only privileged-container is on, so the edited text is exact whatever other rules exist.
    project = tempProject({ '.seaworthy.yaml': onlyPrivileged, 'pod.yaml': PRIVILEGED_POD, 'other.yaml': PRIVILEGED_POD, 'notes.yaml': 'title: unrelated\n' });
  });
  afterEach(() => project.dispose());

  it('rewrites the file, says how many fixes it applied, and a re-run is clean for that rule', async () => {
    const run = await runCli(['check', 'pod.yaml', '--fix'], { cwd: project.dir });
    assert.equal(project.read('pod.yaml'), FIXED_POD);
    assert.match(run.stderr, /pod\.yaml: applied 1 fix\b/);
    assert.doesNotMatch(run.stdout, /privileged-container/);
    assert.equal(project.read('other.yaml'), PRIVILEGED_POD, 'files not named are not touched');
    const again = await runCli(['check', 'pod.yaml', '--format', 'json'], { cwd: project.dir });
    assert.deepEqual(parseJsonReport(again.stdout).findings.filter((f) => f.ruleId === 'privileged-container'), []);
  });

  it('reports only what remains, with the exit code of what remains', async () => {
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n';
    fs.writeFileSync(project.path('pod.yaml'), `${PRIVILEGED_POD}---\n${broken}`);
    const run = await runCli(['check', 'pod.yaml', '--fix', '--format', 'json'], { cwd: project.dir });
    assert.equal(project.read('pod.yaml'), `${FIXED_POD}---\n${broken}`);
    const remaining = parseJsonReport(run.stdout).findings;
    assert.ok(remaining.length > 0);
    assert.deepEqual([...new Set(remaining.map((f) => f.ruleId))], ['invalid-file']);
    assert.ok(remaining.every((f) => f.range.start.line >= 11), 'in the second document');
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '', 'no fix count outside text mode');
  });

  it('keeps the file mode, leaves no temporary file behind and keeps a symbolic link a link', async () => {
    fs.chmodSync(project.path('pod.yaml'), 0o640);
    fs.symlinkSync('other.yaml', project.path('link.yaml'));
    await runCli(['check', 'pod.yaml', 'link.yaml', '--fix'], { cwd: project.dir });
    assert.equal(fs.statSync(project.path('pod.yaml')).mode & 0o777, 0o640);
    assert.equal(project.read('pod.yaml'), FIXED_POD);
    assert.ok(fs.lstatSync(project.path('link.yaml')).isSymbolicLink());
    assert.equal(project.read('other.yaml'), FIXED_POD);
    assert.deepEqual(fs.readdirSync(project.dir).sort(), ['.seaworthy.yaml', 'link.yaml', 'notes.yaml', 'other.yaml', 'pod.yaml']);
  });

  it('keeps CRLF line endings and a byte order mark', async () => {
    fs.writeFileSync(project.path('pod.yaml'), `\uFEFF${PRIVILEGED_POD.replace(/\n/g, '\r\n')}`);
    await runCli(['check', 'pod.yaml', '--fix'], { cwd: project.dir });
    assert.equal(project.read('pod.yaml'), `\uFEFF${FIXED_POD.replace(/\n/g, '\r\n')}`);
  });

  it('leaves the file untouched and exits 2 when it cannot be written', async () => {
    fs.mkdirSync(project.path('locked'));
    fs.writeFileSync(project.path('locked/pod.yaml'), PRIVILEGED_POD);
    fs.chmodSync(project.path('locked'), 0o555);
    try {
      const run = await runCli(['check', 'locked/pod.yaml', '--fix'], { cwd: project.dir, unprivileged: true });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /locked\/pod\.yaml: fixes not written: permission denied; the file is unchanged/);
      assert.equal(project.read('locked/pod.yaml'), PRIVILEGED_POD);
      assert.match(run.stdout, /privileged-container/);
    } finally {
      fs.chmodSync(project.path('locked'), 0o755);
    }
  });

  it('does not touch a file with nothing to fix', async () => {
    const before = fs.statSync(project.path('notes.yaml')).mtimeMs;
    const run = await runCli(['check', 'notes.yaml', '--fix'], { cwd: project.dir });
    assert.equal(run.code, 0);
    assert.equal(fs.statSync(project.path('notes.yaml')).mtimeMs, before);
  });
});

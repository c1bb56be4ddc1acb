import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PRIVILEGED_POD, runCli, tempProject, type TempProject } from './cliHarness';

const ESC = '\u001b[';

describe('check --format text', () => {
  let project: TempProject;
  before(() => {
    project = tempProject({ 'k8s/pod.yaml': PRIVILEGED_POD, 'k8s/second.yaml': PRIVILEGED_POD });
  });
  after(() => project.dispose());

  it('prints file:line:col (1-based), severity, message, [rule-id] and (fixable), grouped per file', async () => {
    const run = await runCli(['check', 'k8s'], { cwd: project.dir });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^k8s\/pod\.yaml:10:9 +error +Container "web" of Pod "web" runs privileged[^\n]*  \[privileged-container\] \(fixable\)$/m);
    assert.match(run.stdout, /^k8s\/second\.yaml:10:9 +error +/m);
    const blocks = run.stdout.trimEnd().split('\n\n');
    assert.ok(blocks[0]?.split('\n').every((l) => l.startsWith('k8s/pod.yaml:')));
    assert.ok(blocks[1]?.split('\n').every((l) => l.startsWith('k8s/second.yaml:')));
  });

  it('ends with a summary of problems by severity, files and fixable problems', async () => {
    const run = await runCli(['check', 'k8s'], { cwd: project.dir });
    assert.match(run.stdout, /^\d+ problems \(\d+ errors, \d+ warnings?(, \d+ info)?(, \d+ hints?)?\) in 2 files \(2 files checked\)\.$/m);
    assert.match(run.stdout, /^\d+ problems? fixable with `seaworthy check --fix`\.$/m);
  });

  it('has no escape codes with NO_COLOR', async () => {
    const run = await runCli(['check', 'k8s'], { cwd: project.dir, env: { NO_COLOR: '1' } });
    assert.ok(!run.stdout.includes(ESC));
    assert.ok(!run.stderr.includes(ESC));
  });

  it('colours severities when FORCE_COLOR is set, though stdout is not a TTY', async () => {
    const run = await runCli(['check', 'k8s'], { cwd: project.dir, env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    assert.ok(run.stdout.includes(`${ESC}31merror`), 'errors in red');
    const plain = run.stdout.replace(/\u001b\[\d+m/g, '');
    assert.match(plain, /^k8s\/pod\.yaml:10:9 +error +/m);
  });

  it('has no colour when stdout is a pipe and nothing forces it', async () => {
    const run = await runCli(['check', 'k8s'], { cwd: project.dir, env: { NO_COLOR: '' } });
    assert.ok(!run.stdout.includes(ESC));
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { PRIVILEGED_POD, onlyRulesConfig, parseJsonReport, runCli, tempProject, type TempProject } from './cliHarness';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  LOG_LEVEL: info\n';

describe('check exit codes and the threshold', () => {
  let project: TempProject;
  before(async () => {
    project = tempProject({
      'clean/settings.yaml': CONFIG_MAP,
      'clean/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n',
      'bad/pod.yaml': PRIVILEGED_POD,
      'downgraded/.seaworthy.yaml': await onlyRulesConfig({ 'privileged-container': 'info' }),
      'downgraded/pod.yaml': PRIVILEGED_POD,
    });
  });
  after(() => project.dispose());

  it('exits 0 when nothing is found', async () => {
    const run = await runCli(['check', 'clean'], { cwd: project.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /No problems found \(2 files checked\)/);
  });

  it('exits 1 on a finding at or above the default threshold (warning)', async () => {
    const run = await runCli(['check', 'bad'], { cwd: project.dir });
    assert.equal(run.code, 1);
  });

  it('exits 0 when every finding is below the threshold, 1 once the threshold comes down to it', async () => {
    assert.equal((await runCli(['check', 'downgraded'], { cwd: project.dir })).code, 0);
    assert.equal((await runCli(['check', 'downgraded', '--severity-threshold', 'info'], { cwd: project.dir })).code, 1);
    assert.equal((await runCli(['check', 'downgraded', '--severity-threshold=hint'], { cwd: project.dir })).code, 1);
    assert.equal((await runCli(['check', 'downgraded', '--severity-threshold', 'error'], { cwd: project.dir })).code, 0);
    assert.equal((await runCli(['check', 'bad', '--severity-threshold', 'error'], { cwd: project.dir })).code, 1);
  });

  for (const [args, message] of [
    [['check', '--nope'], /unknown option '--nope'/],
    [['check', '--format', 'xml'], /invalid value 'xml' for '--format'/],
    [['check', '--severity-threshold', 'critical'], /invalid value 'critical' for '--severity-threshold'/],
    [['check', '--format'], /option '--format' needs a value/],
    [['check', '--fix=yes'], /option '--fix' takes no value/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /no command given/],
    [['rules', '--format', 'yaml'], /invalid value 'yaml'/],
  ] as const) {
    it(`exits 2 with a one-line message and the usage for: seaworthy ${args.join(' ')}`, async () => {
      const run = await runCli(args, { cwd: project.dir });
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      const [first] = run.stderr.split('\n');
      assert.match(first ?? '', message);
      assert.match(run.stderr, /Usage: seaworthy/);
    });
  }

  it('exits 2 for a missing path, names it, and still reports the other files', async () => {
    const run = await runCli(['check', 'missing/deploy.yaml', 'bad/pod.yaml', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /missing\/deploy\.yaml: no such file or directory/);
    const { findings } = parseJsonReport(run.stdout);
    assert.ok(findings.some((f) => f.file === 'bad/pod.yaml' && f.ruleId === 'privileged-container'));
  });

  it('exits 2 for a file it cannot read, names it with the reason, and still reports the others', async () => {
    const locked = project.path('bad/locked.yaml');
    fs.writeFileSync(locked, PRIVILEGED_POD, { mode: 0o000 });
    try {
      const run = await runCli(['check', 'bad', '--format', 'json'], { cwd: project.dir, unprivileged: true });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /bad\/locked\.yaml: cannot read file: permission denied/);
      assert.ok(parseJsonReport(run.stdout).findings.some((f) => f.file === 'bad/pod.yaml'));
    } finally {
      fs.rmSync(locked, { force: true });
    }
  });

  it('exits 2 when --config names a file that does not exist', async () => {
    const run = await runCli(['check', 'clean', '--config', 'nowhere.yaml'], { cwd: project.dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /nowhere\.yaml: cannot read config: no such file or directory/);
  });
});

describe('check on input that cannot be checked', () => {
  let project: TempProject;
  before(() => {
    const binary = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52];
    project = tempProject({
      'Dockerfile.bin': binary,
      'broken.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n spec: {\n',
      'huge.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dump\ndata:\n${'  k: 0123456789012345678901234567890123456789\n'.repeat(240_000)}`,
      'pod.yaml': PRIVILEGED_POD,
    });
  });
  after(() => project.dispose());

  it('gives a binary file, a malformed YAML file and a 10 MB file one clear finding each, and checks the rest', async () => {
    assert.ok(fs.statSync(project.path('huge.yaml')).size > 10 * 1024 * 1024);
    const run = await runCli(['check', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.code, 1, `findings, not an input error: ${run.stderr}`);
    const { findings } = parseJsonReport(run.stdout);
    const of = (file: string): string[] => findings.filter((f) => f.file === file).map((f) => `${f.ruleId}: ${f.message}`);
    assert.deepEqual(of('Dockerfile.bin'), ['invalid-file: file not checked: it holds binary data (NUL bytes), not text']);
    assert.deepEqual(of('huge.yaml').length, 1);
    assert.match(of('huge.yaml')[0] ?? '', /^invalid-file: file not checked: 10\.\d MB is over the 5 MB limit$/);
    assert.ok(of('broken.yaml').length > 0);
    for (const f of of('broken.yaml')) assert.match(f, /^invalid-file: YAML syntax error: /);
    assert.deepEqual(
      findings.filter((f) => f.file === 'pod.yaml').map((f) => f.ruleId).filter((id) => id === 'privileged-container'),
      ['privileged-container'],
    );
  });

  for (const file of ['Dockerfile.bin', 'broken.yaml', 'huge.yaml']) {
    it(`exits 1, not 2, for ${file} alone, with the reason in the text output`, async () => {
      const run = await runCli(['check', file], { cwd: project.dir });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, new RegExp(`^${file.replace('.', '\\.')}:\\d+:\\d+  error  .+\\[invalid-file\\]`, 'm'));
    });
  }
});

describe('check with nothing to check', () => {
  let project: TempProject;
  before(() => {
    project = tempProject({ 'docs/README.md': '# docs\n', 'docs/logo.png': [0x89, 0x50, 0x4e, 0x47, 0] });
  });
  after(() => project.dispose());

  it('says so on stderr and exits 0', async () => {
    const run = await runCli(['check', 'docs'], { cwd: project.dir });
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /docs: no Dockerfile, Containerfile or YAML file to check in this folder/);
  });

  it('still prints one JSON object with no findings', async () => {
    const run = await runCli(['check', 'docs', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.code, 0);
    assert.deepEqual(JSON.parse(run.stdout), { version: 1, findings: [] });
  });
});

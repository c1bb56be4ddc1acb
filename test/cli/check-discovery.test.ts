import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PRIVILEGED_POD, parseJsonReport, runCli, tempProject, type TempProject } from './cliHarness';

const DOCKERFILE = 'FROM alpine:3.20\nRUN echo hi\n';

async function filesChecked(args: readonly string[], cwd: string): Promise<string[]> {
  const run = await runCli(['check', '--format', 'json', '--severity-threshold', 'hint', ...args], { cwd });
  return [...new Set(parseJsonReport(run.stdout).findings.map((f) => f.file))].sort();
}

describe('check finds files in folders and by glob', () => {
  let project: TempProject;
  before(() => {
    // Every file holds something that is reported, so the files reported are the files checked.
    project = tempProject({
      'app/Dockerfile': DOCKERFILE,
      'app/Containerfile': DOCKERFILE,
      'app/api.Dockerfile': DOCKERFILE,
      'app/Dockerfile.prod': DOCKERFILE,
      'app/worker.containerfile': DOCKERFILE,
      'app/README.md': 'FROM alpine\n',
      'app/package.json': '{}',
      'k8s/pod.yaml': PRIVILEGED_POD,
      'k8s/nested/pod.yml': PRIVILEGED_POD,
      'node_modules/lib/pod.yaml': PRIVILEGED_POD,
      '.git/pod.yaml': PRIVILEGED_POD,
      '.github/pod.yaml': PRIVILEGED_POD,
    });
  });
  after(() => project.dispose());

  it('walks folders for Dockerfiles by name and YAML files, skipping node_modules and dot-folders', async () => {
    assert.deepEqual(await filesChecked([], project.dir), [
      'app/Containerfile',
      'app/Dockerfile',
      'app/Dockerfile.prod',
      'app/api.Dockerfile',
      'app/worker.containerfile',
      'k8s/nested/pod.yml',
      'k8s/pod.yaml',
    ]);
  });

  it('walks a dot-folder or node_modules when it is named', async () => {
    assert.deepEqual(await filesChecked(['.github', 'node_modules'], project.dir), ['.github/pod.yaml', 'node_modules/lib/pod.yaml']);
  });

  it('reports paths relative to the working directory with forward slashes', async () => {
    assert.deepEqual(await filesChecked(['.'], project.path('k8s')), ['nested/pod.yml', 'pod.yaml']);
    assert.deepEqual(await filesChecked(['../k8s/nested'], project.path('app')), ['../k8s/nested/pod.yml']);
  });

  it('expands quoted globs itself', async () => {
    assert.deepEqual(await filesChecked(['k8s/**/*.yml'], project.dir), ['k8s/nested/pod.yml']);
    assert.deepEqual(await filesChecked(['app/*ockerfile*'], project.dir), ['app/Dockerfile', 'app/Dockerfile.prod', 'app/api.Dockerfile']);
  });

  it('says when a glob matches nothing, and exits 0', async () => {
    const run = await runCli(['check', 'charts/**/*.yaml'], { cwd: project.dir });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /charts\/\*\*\/\*\.yaml: no Dockerfile or YAML file matches this glob/);
  });

  it('checks a file named twice once', async () => {
    const run = await runCli(['check', 'k8s/pod.yaml', './k8s/pod.yaml', 'k8s', '--format', 'json'], { cwd: project.dir });
    const privileged = parseJsonReport(run.stdout).findings.filter((f) => f.ruleId === 'privileged-container');
    assert.deepEqual(privileged.map((f) => f.file), ['k8s/nested/pod.yml', 'k8s/pod.yaml']);
  });
});

describe('check leaves out of folder walks what .gitignore files name, as Check Workspace does', () => {
  let project: TempProject;
  before(() => {
    project = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '# build output\n/build/\n*.generated.yaml\n!keep.generated.yaml\ncharts/rendered/\n',
      'Dockerfile': DOCKERFILE,
      'build/Dockerfile': DOCKERFILE,
      // Anchored (`/build/`): only the folder beside the .gitignore.
      'deep/build/Dockerfile': DOCKERFILE,
      'k8s/pod.generated.yaml': PRIVILEGED_POD,
      'k8s/keep.generated.yaml': PRIVILEGED_POD,
      // A nested .gitignore has the last word for its folder.
      'svc/.gitignore': '!svc.generated.yaml\nlocal.yaml\n',
      'svc/svc.generated.yaml': PRIVILEGED_POD,
      'svc/local.yaml': PRIVILEGED_POD,
      'charts/pod.yaml': PRIVILEGED_POD,
      'charts/rendered/pod.yaml': PRIVILEGED_POD,
    });
  });
  after(() => project.dispose());

  it('skips what the .gitignore files name, negations and anchors read as git reads them', async () => {
    assert.deepEqual(await filesChecked([], project.dir), ['Dockerfile', 'charts/pod.yaml', 'deep/build/Dockerfile', 'k8s/keep.generated.yaml', 'svc/svc.generated.yaml']);
  });

  it('applies the repository\'s .gitignore above the folder walked, up to the folder holding .git', async () => {
    assert.deepEqual(await filesChecked(['.'], project.path('charts')), ['pod.yaml']);
    assert.deepEqual(await filesChecked(['charts'], project.dir), ['charts/pod.yaml']);
  });

  it('always checks a file named on the command line', async () => {
    assert.deepEqual(await filesChecked(['build/Dockerfile', 'svc/local.yaml'], project.dir), ['build/Dockerfile', 'svc/local.yaml']);
  });

  it('walks everything with --no-gitignore', async () => {
    assert.deepEqual(await filesChecked(['--no-gitignore'], project.dir), [
      'Dockerfile',
      'build/Dockerfile',
      'charts/pod.yaml',
      'charts/rendered/pod.yaml',
      'deep/build/Dockerfile',
      'k8s/keep.generated.yaml',
      'k8s/pod.generated.yaml',
      'svc/local.yaml',
      'svc/svc.generated.yaml',
    ]);
  });

  it('names --no-gitignore in the help', async () => {
    const help = await runCli(['check', '--help'], { cwd: project.dir });
    assert.match(help.stdout, /\[--fix\] \[--no-gitignore\]/);
    assert.match(help.stdout, /--no-gitignore\s+walk directories without leaving out what \.gitignore files name/);
  });
});

describe('check with .seaworthy.yaml', () => {
  let project: TempProject;
  before(() => {
    project = tempProject({
      'repo/.seaworthy.yaml': 'ignorePaths:\n  - vendor\n  - "*.generated.yaml"\nrules:\n  privileged-container: warning\n',
      'repo/pod.yaml': PRIVILEGED_POD,
      'repo/vendor/chart/pod.yaml': PRIVILEGED_POD,
      'repo/out/app.generated.yaml': PRIVILEGED_POD,
      'repo/team/.seaworthy.yaml': 'rules:\n  privileged-container: off\n',
      'repo/team/pod.yaml': PRIVILEGED_POD,
      'broken/.seaworthy.yaml': 'rules:\n  privileged-container: loud\n  no-such-rule: error\n',
      'broken/pod.yaml': PRIVILEGED_POD,
      'strict.yaml': 'rules:\n  privileged-container: hint\n',
    });
  });
  after(() => project.dispose());

  it('skips ignorePaths as .gitignore does: a folder name, a file glob at any depth', async () => {
    const run = await runCli(['check', 'repo', '--format', 'json'], { cwd: project.dir });
    const files = parseJsonReport(run.stdout).findings.filter((f) => f.ruleId === 'privileged-container').map((f) => f.file);
    assert.deepEqual(files, ['repo/pod.yaml']);
  });

  it('applies the nearest config: a severity override in one folder, off in a nested one', async () => {
    const run = await runCli(['check', 'repo', '--format', 'json'], { cwd: project.dir });
    const privileged = parseJsonReport(run.stdout).findings.filter((f) => f.ruleId === 'privileged-container');
    assert.deepEqual(privileged.map((f) => [f.file, f.severity]), [['repo/pod.yaml', 'warning']]);
  });

  it('uses --config instead of the nearest config for every file', async () => {
    const run = await runCli(['check', 'repo/team/pod.yaml', 'repo/pod.yaml', '--config', 'strict.yaml', '--format', 'json'], { cwd: project.dir });
    const privileged = parseJsonReport(run.stdout).findings.filter((f) => f.ruleId === 'privileged-container');
    assert.deepEqual(privileged.map((f) => [f.file, f.severity]), [['repo/pod.yaml', 'hint'], ['repo/team/pod.yaml', 'hint']]);
  });

  it('prints an invalid config problem by file:line:col on stderr and keeps the defaults', async () => {
    const run = await runCli(['check', 'broken/pod.yaml', '--format', 'json'], { cwd: project.dir });
    assert.match(run.stderr, /broken\/\.seaworthy\.yaml:2:25: severity for privileged-container must be one of error, warning, info, hint, off \(got "loud"\)/);
    assert.match(run.stderr, /broken\/\.seaworthy\.yaml:3:3: unknown rule "no-such-rule"/);
    const { findings } = parseJsonReport(run.stdout);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'privileged-container').map((f) => f.severity), ['error']);
    assert.equal(findings.some((f) => f.ruleId === 'invalid-config'), false, 'the config was not among the checked files');
    assert.equal(run.code, 1);
  });

  it('reports the config problems as invalid-config findings when the config is among the checked files', async () => {
    const run = await runCli(['check', 'broken', '--format', 'json'], { cwd: project.dir });
    const config = parseJsonReport(run.stdout).findings.filter((f) => f.file === 'broken/.seaworthy.yaml');
    assert.deepEqual(
      config.map((f) => [f.ruleId, f.range.start.line, f.range.start.character]),
      [
        ['invalid-config', 1, 24],
        ['invalid-config', 2, 2],
      ],
    );
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PODMAN, PodmanStore, podmanSkipReason } from '../support/podmanHarness';
import { buildImage, insecureImage, privateKeyPem, writeDockerArchive } from '../support/testImages';
import { runCli, tempProject, type TempProject } from './cliHarness';
import { bomPackages, SCAN_JSON_KEYS } from '../support/cycloneDx';

const skip = podmanSkipReason();

/** A bin folder holding only the named programs: `podman` links to the real one, others are scripts. */
function binWith(project: TempProject, name: string, programs: Record<string, string | 'podman'>): string {
  const bin = project.path(name);
  fs.mkdirSync(bin, { recursive: true });
  for (const [program, body] of Object.entries(programs)) {
    if (body === 'podman') fs.symlinkSync(PODMAN, path.join(bin, program));
    else fs.writeFileSync(path.join(bin, program), body, { mode: 0o755 });
  }
  return bin;
}

describe('seaworthy scan docker-daemon:NAME:TAG (the local engine image save, podman here)', { skip: skip ?? false }, () => {
  let project: TempProject;
  let store: PodmanStore;
  before(async () => {
    project = tempProject({});
    store = new PodmanStore();
    await writeDockerArchive(project.path('app.tar'), await buildImage(insecureImage(privateKeyPem())), 'app:1.0');
    store.load(project.path('app.tar'));
  });
  after(() => {
    store?.dispose();
    project?.dispose();
  });

  it('reads the image through `podman image save` when docker is absent', async () => {
    const bin = binWith(project, 'podman-only', { podman: 'podman' });
    const run = await runCli(['scan', 'docker-daemon:app:1.0', '--format', 'json'], { cwd: project.dir, env: { ...store.env, PATH: bin } });
    assert.equal(run.code, 1, run.stderr);
    const scan = (JSON.parse(run.stdout) as { scans: { image: string; engine: string; os: unknown; findings: { ruleId: string; path: string | null }[] }[] }).scans[0];
    assert.deepEqual([scan?.image, scan?.engine, scan?.os], ['docker-daemon:app:1.0', 'builtin', { family: 'debian', version: '12' }]);
    const ids = scan?.findings.map((f) => `${f.ruleId} ${f.path ?? ''}`.trim()) ?? [];
    for (const expected of ['image-runs-as-root', 'image-private-key /app/deploy_key', 'image-setuid-file /usr/bin/passwd', 'image-env-secret']) assert.ok(ids.includes(expected), `${expected} in ${ids.join(', ')}`);
    assert.deepEqual(Object.keys(scan ?? {}), SCAN_JSON_KEYS);
    const bom = await runCli(['scan', 'docker-daemon:app:1.0', '--engine', 'builtin', '--format', 'cyclonedx'], { cwd: project.dir, env: { ...store.env, PATH: bin } });
    assert.equal(bom.code, 1, bom.stderr);
    assert.equal(bomPackages(bom.stdout).length, 6);
  });

  it('falls back to podman when docker cannot reach its daemon, and says what each engine answered when neither has the image', async () => {
    const bin = binWith(project, 'docker-down', {
      podman: 'podman',
      docker: '#!/bin/sh\necho "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2\nexit 1\n',
    });
    const env = { ...store.env, PATH: bin };
    const run = await runCli(['scan', 'docker-daemon:app:1.0', '--format', 'json'], { cwd: project.dir, env });
    assert.equal(run.code, 1, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { scans: { image: string }[] }).scans[0]?.image, 'docker-daemon:app:1.0');
    const missing = await runCli(['scan', 'docker-daemon:nothere:2.0'], { cwd: project.dir, env });
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /cannot read docker-daemon:nothere:2\.0 from the local engine: `docker image save nothere:2\.0` exited with code 1: Cannot connect to the Docker daemon/);
    assert.match(missing.stderr, /`podman image save nothere:2\.0` exited with code 125: Error: nothere:2\.0: image not known/);
  });
});

describe('seaworthy scan docker-daemon: without an engine', () => {
  it('says that neither docker nor podman is on PATH and how to scan a saved archive instead; refuses a name that is no reference', async () => {
    const project = tempProject({});
    try {
      fs.mkdirSync(project.path('empty-bin'));
      const run = await runCli(['scan', 'docker-daemon:app:1.0'], { cwd: project.dir, env: { PATH: project.path('empty-bin') } });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /docker-daemon:app:1\.0 is read with `docker image save` or `podman image save`, and neither docker nor podman is on PATH: install one, or save the image elsewhere \(`docker save -o app\.tar app:1\.0`\) and scan docker-archive:app\.tar/);
      const option = await runCli(['scan', 'docker-daemon:--output=/etc/x'], { cwd: project.dir });
      assert.equal(option.code, 2);
      assert.match(option.stderr, /docker-daemon:--output=\/etc\/x does not name an image: '--output=\/etc\/x' starts with '-'/);
    } finally {
      project.dispose();
    }
  });
});

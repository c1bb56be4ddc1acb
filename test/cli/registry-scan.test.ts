import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Registry, registrySkipReason } from '../support/registryHarness';
import { RegistryStandIn, type StandInMode } from '../support/registryStandIn';
import { buildImage, cleanImage, indexOf, insecureImage, privateKeyPem, type BuiltImage } from '../support/testImages';
import { runCli, tempProject, type TempProject } from './cliHarness';
import { bomPackages, SCAN_JSON_KEYS } from '../support/cycloneDx';

interface JsonScan {
  digest: string | null;
  findings: { ruleId: string; path: string | null }[];
}

const scanOf = (stdout: string): JsonScan => (JSON.parse(stdout) as { scans: JsonScan[] }).scans[0] as JsonScan;
const skip = registrySkipReason();

describe('seaworthy scan through a real registry (docker-registry on 127.0.0.1)', { skip: skip ?? false }, () => {
  let registry: Registry;
  let locked: Registry;
  let project: TempProject;
  let insecure: BuiltImage;
  const login = { username: 'ci', password: 'S3cure-pa55' };
  before(async () => {
    project = tempProject({});
    insecure = await buildImage(insecureImage(privateKeyPem()));
    const amd = await buildImage(cleanImage());
    const arm = await buildImage({ ...cleanImage(), config: {}, architecture: 'arm64', variant: 'v8' });
    [registry, locked] = await Promise.all([Registry.start(), Registry.start(login)]);
    await registry.push('app', '1.0', insecure);
    await registry.push('multi', '1.0', { index: indexOf([amd, arm]), images: [amd, arm] });
    await locked.push('private/app', '1.0', insecure);
  });
  after(async () => {
    await Promise.all([registry?.stop(), locked?.stop()]);
    project?.dispose();
  });

  it('lists the root user, key files, setuid file, env secret, end-of-life OS and packages of a pushed image', async () => {
    const run = await runCli(['scan', `${registry.host}/app:1.0`, '--engine', 'builtin', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.code, 1, run.stderr);
    const scan = scanOf(run.stdout);
    assert.equal(scan.digest, insecure.manifest.digest);
    const ids = scan.findings.map((f) => `${f.ruleId} ${f.path ?? ''}`.trim());
    for (const expected of ['image-runs-as-root', 'image-private-key /app/deploy_key', 'image-private-key /app/server.key', 'image-setuid-file /usr/bin/passwd', 'image-env-secret', 'image-os-end-of-life /etc/os-release']) {
      assert.ok(ids.includes(expected), `${expected} in ${ids.join(', ')}`);
    }
    assert.deepEqual(Object.keys(scan), SCAN_JSON_KEYS);
    const bom = await runCli(['scan', `${registry.host}/app:1.0`, '--engine', 'builtin', '--format', 'cyclonedx'], { cwd: project.dir });
    assert.equal(bomPackages(bom.stdout).length, 6);
  });

  it('resolves a multi-platform index to linux/amd64, or to --platform', async () => {
    const amd = await runCli(['scan', `${registry.host}/multi:1.0`, '--engine', 'builtin', '--format', 'json'], { cwd: project.dir });
    assert.deepEqual(scanOf(amd.stdout).findings.map((f) => f.ruleId), ['vulnerabilities-not-checked']);
    const arm = await runCli(['scan', `${registry.host}/multi:1.0`, '--engine', 'builtin', '--platform', 'linux/arm64', '--format', 'json'], { cwd: project.dir });
    assert.deepEqual(scanOf(arm.stdout).findings.map((f) => f.ruleId), ['image-runs-as-root', 'vulnerabilities-not-checked']);
  });

  it('says an image that is not there was not found', async () => {
    const run = await runCli(['scan', `${registry.host}/app:2.0`, '--engine', 'builtin'], { cwd: project.dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /app:2\.0 was not found \(MANIFEST_UNKNOWN\): check the name and tag/);
  });

  it('asks for a login under Basic auth, and uses the one in DOCKER_CONFIG without ever printing it', async () => {
    const image = `${locked.host}/private/app:1.0`;
    const without = await runCli(['scan', image, '--engine', 'builtin'], { cwd: project.dir, env: { DOCKER_CONFIG: project.path('no-config') } });
    assert.equal(without.code, 2);
    assert.match(without.stderr, new RegExp(`${locked.host.replace(/\./g, '\\.')} wants a login for .*: run \`docker login ${locked.host.replace(/\./g, '\\.')}\``));
    const config = project.path('docker');
    fs.mkdirSync(config, { recursive: true });
    fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ auths: { [locked.host]: { auth: Buffer.from(`${login.username}:${login.password}`).toString('base64') } } }));
    const withLogin = await runCli(['scan', image, '--engine', 'builtin', '--format', 'json'], { cwd: project.dir, env: { DOCKER_CONFIG: config } });
    assert.equal(withLogin.code, 1, withLogin.stderr);
    assert.equal(scanOf(withLogin.stdout).digest, insecure.manifest.digest);
    fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ auths: { [locked.host]: { auth: Buffer.from('ci:wrong-pass').toString('base64') } } }));
    const refused = await runCli(['scan', image, '--engine', 'builtin'], { cwd: project.dir, env: { DOCKER_CONFIG: config } });
    assert.match(refused.stderr, /refused the stored login: run `docker login/);
    // A credential helper named in credHelpers: run with `get`, the host on stdin.
    const bin = project.path('bin');
    fs.mkdirSync(bin, { recursive: true });
    const helper = path.join(bin, 'docker-credential-seaworthy-test');
    fs.writeFileSync(helper, `#!/bin/sh\nread host\necho "$1 $host" > "${project.path('helper-asked')}"\necho '{"Username":"${login.username}","Secret":"${login.password}"}'\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ credHelpers: { [locked.host]: 'seaworthy-test' } }));
    const helped = await runCli(['scan', image, '--engine', 'builtin', '--format', 'json'], { cwd: project.dir, env: { DOCKER_CONFIG: config, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` } });
    assert.equal(helped.code, 1, helped.stderr);
    assert.equal(fs.readFileSync(project.path('helper-asked'), 'utf8'), `get ${locked.host}\n`);
    for (const run of [without, withLogin, refused, helped]) assert.ok(!`${run.stdout}${run.stderr}`.includes(login.password) && !run.stderr.includes('wrong-pass'));
  });
});

describe('seaworthy scan against a misbehaving registry (a stand-in on 127.0.0.1)', () => {
  let project: TempProject;
  let image: BuiltImage;
  before(async () => {
    project = tempProject({});
    image = await buildImage(insecureImage(privateKeyPem()));
  });
  after(() => project.dispose());

  async function scanWith(mode: StandInMode, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; standIn: RegistryStandIn }> {
    const standIn = await RegistryStandIn.start(image, mode);
    try {
      const run = await runCli(['scan', `${standIn.host}/app:1.0`, '--engine', 'builtin', '--format', 'json'], { cwd: project.dir, env });
      return { ...run, standIn };
    } finally {
      await standIn.stop();
    }
  }

  it('gets a Bearer token with the stored login and scans', async () => {
    const config = project.path('bearer-config');
    fs.mkdirSync(config, { recursive: true });
    const standIn = await RegistryStandIn.start(image, 'bearer');
    try {
      fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ auths: { [standIn.host]: { auth: Buffer.from('ci:pa55word').toString('base64') } } }));
      const run = await runCli(['scan', `${standIn.host}/app:1.0`, '--engine', 'builtin', '--format', 'json'], { cwd: project.dir, env: { DOCKER_CONFIG: config } });
      assert.equal(run.code, 1, run.stderr);
      assert.equal(scanOf(run.stdout).digest, image.manifest.digest);
      assert.deepEqual(standIn.requests.slice(0, 3).map((r) => [r.path, r.authorization?.split(' ')[0] ?? null]), [
        ['/v2/app/manifests/1.0', null],
        ['/token', 'Basic'],
        ['/v2/app/manifests/1.0', 'Bearer'],
      ]);
      const anonymous = await runCli(['scan', `${standIn.host}/app:1.0`, '--engine', 'builtin'], { cwd: project.dir, env: { DOCKER_CONFIG: project.path('none') } });
      assert.match(anonymous.stderr, /wants a login for .*app:1\.0: run `docker login/);
    } finally {
      await standIn.stop();
    }
  });

  it('names the failure: a registry error, a dropped connection, a timeout, a corrupted blob', async () => {
    assert.match((await scanWith('error-500')).stderr, /answered 500 for .*app:1\.0 \(UNKNOWN\)/);
    assert.match((await scanWith('drop-blob')).stderr, /(?:dropped the connection \(fetching blob sha256:[a-f0-9]{64} of .*app\)|layer sha256:[a-f0-9]{64} could not be read: aborted)/);
    const hang = await scanWith('hang-blob', { SEAWORTHY_SCAN_TIMEOUT: '2' });
    assert.equal(hang.code, 2);
    assert.match(hang.stderr, /did not finish scanning .* within 2 s|sent nothing for 2 s/);
    const corrupt = await scanWith('corrupt-layer');
    assert.match(corrupt.stderr, /layer sha256:[a-f0-9]{64} (?:is corrupt: its content hashes to sha256:|is not valid gzip)/);
  });
});

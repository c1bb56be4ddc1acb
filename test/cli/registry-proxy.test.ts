import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConnectProxy } from '../support/connectProxy';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Registry, registrySkipReason, selfSignedCertificate } from '../support/registryHarness';
import { buildImage, insecureImage, privateKeyPem, type BuiltImage } from '../support/testImages';
import { runCli, tempProject, type TempProject } from './cliHarness';

const skip = registrySkipReason();
/** The machine's own proxy settings, cleared so that each case says exactly what it sets. */
const NO_PROXY_ENV = { HTTP_PROXY: '', http_proxy: '', HTTPS_PROXY: '', https_proxy: '', NO_PROXY: '', no_proxy: '' };

describe('the built-in engine through HTTP_PROXY / HTTPS_PROXY and NO_PROXY (a CONNECT proxy on 127.0.0.1)', { skip: skip ?? false }, () => {
  let registry: Registry;
  let proxy: ConnectProxy;
  let locked: ConnectProxy;
  let project: TempProject;
  let image: BuiltImage;
  const login = { username: 'proxyuser', password: 'Pr0xy-s3cret' };
  /** The registry by a name that is not loopback (loopback is never proxied); the proxies map it to 127.0.0.1. */
  let named: string;
  before(async () => {
    project = tempProject({});
    image = await buildImage(insecureImage(privateKeyPem()));
    registry = await Registry.start();
    await registry.push('app', '1.0', image);
    named = `registry.seaworthy.test:${registry.host.split(':')[1]}`;
    proxy = await ConnectProxy.start({ 'registry.seaworthy.test': '127.0.0.1' });
    locked = await ConnectProxy.start({ 'registry.seaworthy.test': '127.0.0.1' }, login);
  });
  after(async () => {
    await Promise.all([registry?.stop(), proxy?.stop(), locked?.stop()]);
    project?.dispose();
  });

  it('speaks HTTPS end to end through the tunnel, trusting NODE_EXTRA_CA_CERTS, and names a certificate it cannot trust', async () => {
    const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-tls-'));
    const tls = selfSignedCertificate(certs, ['registry.seaworthy.test']);
    const secure = await Registry.start(undefined, tls);
    try {
      await secure.push('app', '1.0', image);
      const name = `registry.seaworthy.test:${secure.host.split(':')[1]}`;
      const args = ['scan', `${name}/app:1.0`, '--engine', 'builtin', '--format', 'json'];
      const before = proxy.tunnels.length;
      const run = await runCli(args, { cwd: project.dir, env: { ...NO_PROXY_ENV, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.cert } });
      assert.equal(run.code, 1, run.stderr);
      assert.equal((JSON.parse(run.stdout) as { scans: { digest: string }[] }).scans[0]?.digest, image.manifest.digest);
      assert.ok(proxy.tunnels.slice(before).every((t) => t === name) && proxy.tunnels.length > before);
      const untrusted = await runCli(args, { cwd: project.dir, env: { ...NO_PROXY_ENV, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: '' } });
      assert.equal(untrusted.code, 2);
      assert.match(untrusted.stderr, /cannot reach registry\.seaworthy\.test:\d+: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
    } finally {
      await secure.stop();
      fs.rmSync(certs, { recursive: true, force: true });
    }
  });

  const scan = (env: Record<string, string>): ReturnType<typeof runCli> =>
    runCli(['scan', `${named}/app:1.0`, '--engine', 'builtin', '--format', 'json'], { cwd: project.dir, env: { ...NO_PROXY_ENV, SEAWORTHY_INSECURE_REGISTRIES: named, ...env } });

  it('tunnels every request to the registry through the proxy the environment names', async () => {
    const before = proxy.tunnels.length;
    const run = await scan({ HTTP_PROXY: proxy.url });
    assert.equal(run.code, 1, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { scans: { digest: string }[] }).scans[0]?.digest, image.manifest.digest);
    const tunnels = proxy.tunnels.slice(before);
    assert.ok(tunnels.length >= 3, `manifest, config and layers went through the proxy: ${tunnels.join(', ')}`);
    assert.ok(tunnels.every((t) => t === named), tunnels.join(', '));
  });

  it('goes direct for a host NO_PROXY names (here unresolvable, which shows the proxy was not asked)', async () => {
    const before = proxy.tunnels.length;
    const run = await scan({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,.seaworthy.test' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot reach registry\.seaworthy\.test:\d+: (ENOTFOUND|EAI_AGAIN)/);
    assert.equal(proxy.tunnels.length, before);
  });

  it('never proxies a loopback registry', async () => {
    const before = proxy.tunnels.length;
    const run = await runCli(['scan', `${registry.host}/app:1.0`, '--engine', 'builtin', '--format', 'json'], { cwd: project.dir, env: { ...NO_PROXY_ENV, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(proxy.tunnels.length, before);
  });

  it('gives the proxy the login its URL carries, and says so when the proxy wants one, never printing it', async () => {
    const ok = await scan({ http_proxy: `http://${login.username}:${login.password}@127.0.0.1:${locked.port}` });
    assert.equal(ok.code, 1, ok.stderr);
    const refused = await scan({ HTTP_PROXY: locked.url });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, new RegExp(`the proxy 127\\.0\\.0\\.1:${locked.port} refused to connect to registry\\.seaworthy\\.test:\\d+: 407: it wants a login`));
    for (const run of [ok, refused]) assert.ok(!`${run.stdout}${run.stderr}`.includes(login.password), 'the proxy password is never printed');
  });
});

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { debianPackagesSkipReason } from './debianPackages';
import type { Blob, BuiltImage } from './testImages';

/**
 * Debian's `docker-registry` (distribution 2.8) on 127.0.0.1, started for a test and stopped by
 * its PID. When the program is missing it is installed with apt-get where that is allowed (root);
 * `registrySkipReason` says why a test cannot run, and under SEAWORTHY_E2E_REQUIRED=1 there is no
 * skip: the harness throws instead.
 */

const PROGRAM = '/usr/bin/docker-registry';
const PACKAGES: Record<string, string> = { [PROGRAM]: 'docker-registry', '/usr/bin/htpasswd': 'apache2-utils', '/usr/bin/openssl': 'openssl' };

/** Installs what is missing when root; returns why the registry tests cannot run, or null. */
export function registrySkipReason(): string | null {
  return debianPackagesSkipReason(PACKAGES, 'the registry tests');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A self-signed certificate (and its key) for `names` (DNS names; 127.0.0.1 is always in it), made by openssl for a test, valid one day. */
export function selfSignedCertificate(dir: string, names: readonly string[]): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const san = ['IP:127.0.0.1', ...names.map((n) => `DNS:${n}`)].join(',');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${names[0] ?? '127.0.0.1'}`, '-addext', `subjectAltName=${san}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

export class Registry {
  private constructor(
    readonly host: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
    private readonly authorization: string | null,
    private readonly ca: Buffer | null,
  ) {}

  /** Starts a registry with its own storage; with `login`, behind htpasswd Basic auth; with `tls`, over HTTPS with that certificate. */
  static async start(login?: { username: string; password: string }, tls?: { cert: string; key: string }): Promise<Registry> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-registry-'));
    const port = await freePort();
    const auth = login ? `auth:\n  htpasswd:\n    realm: seaworthy-test\n    path: ${path.join(dir, 'htpasswd')}\n` : '';
    const serveTls = tls ? `  tls:\n    certificate: ${tls.cert}\n    key: ${tls.key}\n` : '';
    if (login) fs.writeFileSync(path.join(dir, 'htpasswd'), execFileSync('htpasswd', ['-Bbn', login.username, login.password], { encoding: 'utf8' }));
    const config = path.join(dir, 'config.yml');
    fs.writeFileSync(
      config,
      `version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n  secret: ${randomBytes(16).toString('hex')}\n${serveTls}${auth}`,
    );
    const child = spawn(PROGRAM, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const onData = (chunk: Buffer): void => {
        seen += chunk.toString();
        if (/listening on 127\.0\.0\.1:\d+/.test(seen)) {
          child.stderr?.off('data', onData);
          child.stderr?.resume();
          resolve();
        }
      };
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`docker-registry exited with ${code} before listening: ${seen.slice(-500)}`)));
      child.once('error', reject);
    });
    const authorization = login ? `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}` : null;
    return new Registry(`127.0.0.1:${port}`, child, dir, authorization, tls ? fs.readFileSync(tls.cert) : null);
  }

  /** Pushes an image (or an index and its images) through the Registry API: blobs, manifests, then the tag. */
  async push(repository: string, tag: string, image: BuiltImage | { index: Blob; images: BuiltImage[] }): Promise<void> {
    const images = 'index' in image ? image.images : [image];
    for (const one of images) {
      for (const blob of [one.config, ...one.layers]) await this.pushBlob(repository, blob);
      await this.put(`/v2/${repository}/manifests/${'index' in image ? one.manifest.digest : tag}`, one.manifest);
    }
    if ('index' in image) await this.put(`/v2/${repository}/manifests/${tag}`, image.index);
  }

  private async pushBlob(repository: string, blob: Blob): Promise<void> {
    const start = await this.call('POST', `/v2/${repository}/blobs/uploads/`);
    if (start.status !== 202) throw new Error(`upload start: ${start.status}`);
    const location = new URL(start.location as string, `http://${this.host}`);
    location.searchParams.set('digest', blob.digest);
    const done = await this.call('PUT', location.pathname + location.search, blob.data, 'application/octet-stream');
    if (done.status !== 201) throw new Error(`blob upload: ${done.status} ${done.body}`);
  }

  private async put(pathname: string, blob: Blob): Promise<void> {
    const res = await this.call('PUT', pathname, blob.data, blob.mediaType);
    if (res.status !== 201) throw new Error(`manifest upload: ${res.status} ${res.body}`);
  }

  private call(method: string, pathname: string, body?: Buffer, contentType?: string): Promise<{ status: number; location?: string; body: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { 'Content-Length': body?.length ?? 0 };
      if (contentType) headers['Content-Type'] = contentType;
      if (this.authorization) headers.Authorization = this.authorization;
      const target = { host: '127.0.0.1', port: Number(this.host.split(':')[1]), method, path: pathname, headers };
      const respond = (res: http.IncomingMessage): void => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}), body: text }));
      };
      const req = this.ca ? https.request({ ...target, ca: this.ca as unknown as string }, respond) : http.request(target, respond);
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Stops the registry by its PID and removes its storage. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.pid !== undefined) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      process.kill(this.child.pid, 'SIGTERM');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

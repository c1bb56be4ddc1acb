import * as http from 'node:http';
import type * as net from 'node:net';
import type { BuiltImage } from './testImages';

/**
 * A small HTTP server speaking enough of the Registry API v2 to serve one image as `app:1.0`, and
 * to misbehave on purpose where a real registry will not: a 500 for the manifest, a connection
 * dropped or a body never sent for a blob, a corrupted layer. In `bearer` mode it also issues
 * tokens at `/token` for one login, as Docker Hub's and GHCR's token services do.
 */
export type StandInMode = 'ok' | 'error-500' | 'drop-blob' | 'hang-blob' | 'corrupt-layer' | 'bearer';

export class RegistryStandIn {
  private readonly sockets = new Set<net.Socket>();
  readonly requests: { path: string; authorization: string | null }[] = [];
  private constructor(
    private readonly server: http.Server,
    readonly host: string,
  ) {
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(image: BuiltImage, mode: StandInMode, login = { username: 'ci', password: 'pa55word' }): Promise<RegistryStandIn> {
    const token = 'tok-3f9a';
    const blobs = new Map([image.config, ...image.layers].map((b) => [b.digest, b.data]));
    let standIn: RegistryStandIn | null = null;
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      standIn?.requests.push({ path: url.pathname, authorization: req.headers.authorization ?? null });
      if (mode === 'bearer' && url.pathname === '/token') {
        const basic = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;
        if (req.headers.authorization !== basic || url.searchParams.get('scope') !== 'repository:app:pull') return void res.writeHead(401).end();
        return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token }));
      }
      if (mode === 'bearer' && req.headers.authorization !== `Bearer ${token}`) {
        const realm = `http://${standIn?.host}/token`;
        return void res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${realm}",service="stand-in",scope="repository:app:pull"` }).end();
      }
      if (url.pathname === '/v2/app/manifests/1.0') {
        if (mode === 'error-500') return void res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"UNKNOWN","message":"storage down"}]}');
        return void res.writeHead(200, { 'Content-Type': image.manifest.mediaType, 'Docker-Content-Digest': image.manifest.digest }).end(image.manifest.data);
      }
      const blob = /^\/v2\/app\/blobs\/(sha256:[a-f0-9]{64})$/.exec(url.pathname);
      const data = blob ? blobs.get(blob[1] as string) : undefined;
      if (!data) return void res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
      const isLayer = image.layers.some((l) => l.digest === blob?.[1]);
      if (isLayer && mode === 'drop-blob') {
        res.writeHead(200, { 'Content-Length': data.length });
        res.write(data.subarray(0, 10));
        return void req.socket.destroy();
      }
      if (isLayer && mode === 'hang-blob') return void res.writeHead(200, { 'Content-Length': data.length }).flushHeaders();
      const body = Buffer.from(data as unknown as Uint8Array);
      if (isLayer && mode === 'corrupt-layer') body.writeUInt8(body.readUInt8(body.length - 12) ^ 0xff, body.length - 12);
      res.writeHead(200, { 'Content-Length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    standIn = new RegistryStandIn(server, `127.0.0.1:${(server.address() as net.AddressInfo).port}`);
    return standIn;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

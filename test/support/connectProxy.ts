import * as net from 'node:net';

/**
 * A tiny HTTP proxy on 127.0.0.1 that answers only `CONNECT host:port` (as clients tunnel through
 * HTTPS_PROXY / HTTP_PROXY), maps the names it is given to loopback (so a test can use a
 * registry name that is not loopback), records every tunnel asked for, and with `login` answers
 * 407 to a request without that Proxy-Authorization.
 */
export class ConnectProxy {
  readonly tunnels: string[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(names: Record<string, string>, login?: { username: string; password: string }): Promise<ConnectProxy> {
    const expected = login ? `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}` : null;
    let proxy: ConnectProxy | null = null;
    const server = net.createServer((client) => {
      proxy?.sockets.add(client);
      client.on('close', () => proxy?.sockets.delete(client));
      client.on('error', () => client.destroy());
      let head = '';
      const onData = (chunk: Buffer): void => {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        client.off('data', onData);
        const [requestLine = '', ...headerLines] = head.slice(0, end).split('\r\n');
        const [method, target = ''] = requestLine.split(' ');
        const authorization = headerLines.find((l) => /^proxy-authorization:/i.test(l))?.replace(/^[^:]+:\s*/, '') ?? null;
        if (method !== 'CONNECT') return void client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
        proxy?.tunnels.push(target);
        if (expected && authorization !== expected) return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
        const [name = '', port = ''] = target.split(':');
        const upstream = net.connect(Number(port), names[name] ?? name, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          const rest = head.slice(end + 4);
          if (rest) upstream.write(rest, 'latin1');
          client.pipe(upstream).pipe(client);
        });
        proxy?.sockets.add(upstream);
        upstream.on('close', () => proxy?.sockets.delete(upstream));
        upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
      };
      client.on('data', onData);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new ConnectProxy(server, (server.address() as net.AddressInfo).port);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

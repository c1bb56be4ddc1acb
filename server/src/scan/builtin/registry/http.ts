import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as tls from 'tls';
import type { Readable } from 'stream';

/** One HTTP response, its body still to be read (or discarded with `resume`). */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

export interface HttpRequest {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** No byte for this long (connecting or reading) fails the request. */
  idleTimeoutMs: number;
}

/** What the registry client needs of HTTP: passed in, so tests drive real servers without patching. */
export type HttpGet = (url: URL, request: HttpRequest) => Promise<HttpResponse>;

export class HttpFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'connection' | 'cancelled',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The proxy a request to `url` goes through, as Go reads the environment: `HTTPS_PROXY` for
 * https and `HTTP_PROXY` for http (the first set of either case; a bare `host:port` means http://), none for a
 * host `NO_PROXY` names (`*`, a host, a domain and its subdomains with or without a leading dot,
 * optionally `:port`) and none for loopback hosts.
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isLoopback(url.host)) return null;
  const setting = url.protocol === 'https:' ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!setting || setting.trim() === '') return null;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const entry of (env.NO_PROXY || env.no_proxy || '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    if (entry === '*') return null;
    const [name = '', entryPort] = /^\[.*\](:\d+)?$/.test(entry) ? [entry.replace(/^\[|\](:\d+)?$/g, ''), /:(\d+)$/.exec(entry)?.[1]] : entry.split(':');
    const domain = name.replace(/^\*?\./, '');
    if (entryPort && entryPort !== port) continue;
    if (host.toLowerCase() === domain || host.toLowerCase().endsWith(`.${domain}`)) return null;
  }
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(setting.trim()) ? setting.trim() : `http://${setting.trim()}`);
  } catch {
    return null;
  }
}

/** Loopback hosts (`host[:port]`) are spoken to over plain HTTP, and never through a proxy. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/**
 * Opens a tunnel to `url`'s host through an HTTP proxy (`CONNECT host:port`, with the proxy's
 * own login as Basic auth when its URL carries one), for the request to run over; TLS is then
 * spoken end to end, so the proxy sees neither the registry's answers nor its credentials.
 */
function tunnel(proxy: URL, url: URL, request: HttpRequest): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const headers: Record<string, string> = { Host: `${url.hostname}:${port}` };
    if (proxy.username) headers['Proxy-Authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
    const via = `the proxy ${proxy.hostname}${proxy.port ? `:${proxy.port}` : ''}`;
    const req = http.request({ host: proxy.hostname, port: proxy.port || 80, method: 'CONNECT', path: `${url.hostname}:${port}`, headers, signal: request.signal, timeout: request.idleTimeoutMs });
    req.on('connect', (res, socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      const status = res.statusCode === 407 ? '407: it wants a login (give it in the proxy URL: http://user:password@proxy:port)' : String(res.statusCode);
      reject(new HttpFailure('connection', `${via} refused to connect to ${url.host}: ${status}`));
    });
    req.on('timeout', () => req.destroy(new HttpFailure('timeout', `${via} did not answer within ${Math.round(request.idleTimeoutMs / 1000)} s`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e instanceof HttpFailure) reject(e);
      else if (e.name === 'AbortError') reject(new HttpFailure('cancelled', 'cancelled'));
      else reject(new HttpFailure('connection', `cannot reach ${via}: ${e.code ?? e.message}`));
    });
    req.end();
  });
}

/**
 * Node's http/https: HTTPS verifies against the system CAs (and `NODE_EXTRA_CA_CERTS`, which
 * Node reads at start), the proxy `env` names is used (see `proxyFor`), an idle socket
 * fails with a timeout, a dropped connection is a failure naming the host.
 */
export function nodeHttpGet(env: NodeJS.ProcessEnv): HttpGet {
  return async (url, request) => {
    const proxy = proxyFor(url, env);
    const socket = proxy ? await tunnel(proxy, url, request) : null;
    return directGet(url, request, socket);
  };
}

function directGet(url: URL, request: HttpRequest, socket: net.Socket | null): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const client = secure ? https : http;
    const through = socket ? { createConnection: () => (secure ? tls.connect({ socket, servername: url.hostname }) : socket) } : {};
    const req = client.request(url, { method: request.method ?? 'GET', headers: request.headers, signal: request.signal, timeout: request.idleTimeoutMs, ...through }, (res) => {
      res.setTimeout(request.idleTimeoutMs, () => res.destroy(new HttpFailure('timeout', `${url.host} sent nothing for ${Math.round(request.idleTimeoutMs / 1000)} s`)));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
    });
    req.on('timeout', () => req.destroy(new HttpFailure('timeout', `${url.host} did not answer within ${Math.round(request.idleTimeoutMs / 1000)} s`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e instanceof HttpFailure) reject(e);
      else if (e.name === 'AbortError') reject(new HttpFailure('cancelled', 'cancelled'));
      else if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.message === 'socket hang up') reject(new HttpFailure('connection', `${url.host} dropped the connection`));
      else reject(new HttpFailure('connection', `cannot reach ${url.host}: ${e.code ?? e.message}`));
    });
    req.end();
  });
}

import * as http from 'http';
import * as https from 'https';
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
 * Node's http/https: HTTPS verifies against the system CAs (and `NODE_EXTRA_CA_CERTS`, which
 * Node reads at start), an idle socket fails with a timeout, a dropped connection is a failure
 * naming the host.
 */
export const nodeHttpGet: HttpGet = (url, request) =>
  new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, { method: request.method ?? 'GET', headers: request.headers, signal: request.signal, timeout: request.idleTimeoutMs }, (res) => {
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

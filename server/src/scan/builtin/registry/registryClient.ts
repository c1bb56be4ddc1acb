import type { Readable } from 'stream';
import { digestOf, drain, readAll, verifyBuffer } from '../blobs';
import { ImageError } from '../imageError';
import { MEDIA_TYPES } from '../imageSource';
import type { Credentials } from './credentials';
import { HttpFailure, isLoopback, type HttpGet, type HttpResponse } from './http';

export interface RegistryOptions {
  get: HttpGet;
  /** The stored login for a registry host, or null. */
  credentials: (host: string) => Promise<Credentials | null>;
  /** Hosts (`host:port`) that may be spoken to over plain HTTP besides loopback ones. */
  insecureRegistries: readonly string[];
  idleTimeoutMs: number;
  signal?: AbortSignal | undefined;
}

const ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerList, MEDIA_TYPES.dockerManifest].join(', ');
const MAX_REDIRECTS = 5;
const ERROR_BODY_BYTES = 64 * 1024;

/** Docker Hub's API host for the names users write. */
export function registryHost(domain: string): string {
  return domain === 'docker.io' || domain === 'index.docker.io' ? 'registry-1.docker.io' : domain;
}

export { isLoopback } from './http';

/** A manifest or index as served, with the digest it was verified against. */
export interface FetchedManifest {
  digest: string;
  mediaType: string;
  data: Buffer;
}

/**
 * Registry HTTP API v2 for one repository: the Bearer-token challenge (anonymous, or with the
 * stored login), Basic auth, redirects (Authorization kept only on the same host), and failures
 * told apart: a login needed or refused, an image that does not exist, a registry error, a
 * dropped connection, a timeout. Credentials never appear in a message.
 */
export class RegistryClient {
  private authorization: string | null = null;
  private readonly base: string;

  constructor(
    readonly host: string,
    private readonly repository: string,
    private readonly options: RegistryOptions,
    limits: { documentBytes: number },
  ) {
    const plain = isLoopback(host) || options.insecureRegistries.includes(host);
    this.base = `${plain ? 'http' : 'https'}://${host}/v2/${repository}`;
    this.documentBytes = limits.documentBytes;
  }

  private readonly documentBytes: number;

  /** The manifest or index `reference` (a tag or a digest) names, its digest verified. */
  async manifest(reference: string): Promise<FetchedManifest> {
    const what = `${this.host}/${this.repository}${reference.includes(':') ? '@' : ':'}${reference}`;
    const res = await this.request(`${this.base}/manifests/${reference}`, ACCEPT, what);
    const data = await readAll(res.body, this.documentBytes, `the manifest of ${what}`);
    const served = headerOf(res, 'docker-content-digest');
    const digest = reference.startsWith('sha256:') ? reference : (served ?? digestOf(data));
    verifyBuffer(data, digest, `the manifest of ${what}`);
    const mediaType = (JSON.parse(data.toString('utf8')) as { mediaType?: string }).mediaType ?? headerOf(res, 'content-type') ?? '';
    return { digest, mediaType, data };
  }

  /** A blob's bytes as they stream (the caller verifies them). */
  async blob(digest: string): Promise<Readable> {
    return (await this.request(`${this.base}/blobs/${digest}`, '*/*', `blob ${digest} of ${this.host}/${this.repository}`)).body;
  }

  private async request(url: string, accept: string, what: string): Promise<HttpResponse> {
    let target = new URL(url);
    let authorized = false;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const sameHost = target.host === this.host;
      const headers: Record<string, string> = { Accept: accept, 'User-Agent': 'seaworthy' };
      if (sameHost && this.authorization) headers.Authorization = this.authorization;
      const res = await this.send(target, headers, what);
      if (res.status >= 300 && res.status < 400 && headerOf(res, 'location')) {
        await drain(res.body);
        target = new URL(headerOf(res, 'location') as string, target);
        continue;
      }
      if (res.status === 401 && sameHost && !authorized) {
        const challenge = headerOf(res, 'www-authenticate') ?? '';
        await drain(res.body);
        await this.authenticate(challenge, what);
        authorized = true;
        hop--;
        continue;
      }
      if (res.status === 200) return res;
      throw await this.failure(res, what);
    }
    throw new ImageError('failed', `${this.host} redirected ${what} more than ${MAX_REDIRECTS} times`);
  }

  private async send(url: URL, headers: Record<string, string>, what: string): Promise<HttpResponse> {
    try {
      return await this.options.get(url, { headers, signal: this.options.signal, idleTimeoutMs: this.options.idleTimeoutMs });
    } catch (e) {
      if (e instanceof HttpFailure) throw new ImageError(e.kind === 'timeout' ? 'timeout' : e.kind === 'cancelled' ? 'cancelled' : 'failed', `${e.message} (fetching ${what})`);
      throw e;
    }
  }

  /** Answers a 401's challenge: Basic with the stored login, or a Bearer token from the realm it names. */
  private async authenticate(challenge: string, what: string): Promise<void> {
    const scheme = challenge.split(' ')[0]?.toLowerCase();
    const login = await this.options.credentials(this.host);
    const basic = login ? `Basic ${Buffer.from(`${login.username}:${login.secret}`).toString('base64')}` : null;
    if (scheme === 'basic') {
      if (!basic) throw loginNeeded(this.host, what);
      this.authorization = basic;
      return;
    }
    if (scheme !== 'bearer') throw new ImageError('login', `${this.host} asks for an authentication Seaworthy does not speak (${scheme || 'none named'})`);
    const params = challengeParams(challenge);
    if (!params.realm) throw new ImageError('failed', `${this.host}'s Bearer challenge names no token realm`);
    const tokenUrl = new URL(params.realm);
    if (params.service) tokenUrl.searchParams.set('service', params.service);
    tokenUrl.searchParams.set('scope', params.scope ?? `repository:${this.repository}:pull`);
    const res = await this.send(tokenUrl, { 'User-Agent': 'seaworthy', ...(basic ? { Authorization: basic } : {}) }, `a token for ${what}`);
    if (res.status === 401 || res.status === 403) {
      await drain(res.body);
      throw login ? loginRefused(this.host) : loginNeeded(this.host, what);
    }
    if (res.status !== 200) throw await this.failure(res, `a token for ${what}`);
    const body = await readAll(res.body, ERROR_BODY_BYTES, `${tokenUrl.host}'s token`);
    let token: string | undefined;
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { token?: string; access_token?: string };
      token = parsed.token ?? parsed.access_token;
    } catch {
      token = undefined;
    }
    if (!token) throw new ImageError('failed', `${tokenUrl.host} answered the token request without a token`);
    this.authorization = `Bearer ${token}`;
  }

  private async failure(res: HttpResponse, what: string): Promise<ImageError> {
    const text = (await readAll(res.body, ERROR_BODY_BYTES).catch(() => Buffer.alloc(0))).toString('utf8');
    const code = registryErrorCode(text);
    const said = code ? ` (${code})` : '';
    if (res.status === 401 || res.status === 403) return this.authorization ? loginRefused(this.host) : loginNeeded(this.host, what);
    if (res.status === 404) return new ImageError('not-found', `${what} was not found${said}: check the name and tag`);
    if (res.status === 429) return new ImageError('failed', `${this.host} refused ${what}: too many requests (rate limited); try again later`);
    return new ImageError('failed', `${this.host} answered ${res.status} for ${what}${said}`);
  }
}

function loginNeeded(host: string, what: string): ImageError {
  return new ImageError('login', `${host} wants a login for ${what}: run \`docker login ${host}\` (Seaworthy reads ~/.docker/config.json and its credential helpers), then scan again`);
}

function loginRefused(host: string): ImageError {
  return new ImageError('login', `${host} refused the stored login: run \`docker login ${host}\` again, then scan again`);
}

function headerOf(res: HttpResponse, name: string): string | null {
  const value = res.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters. */
export function challengeParams(challenge: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of challenge.slice(challenge.indexOf(' ') + 1).matchAll(/(\w+)="([^"]*)"/g)) params[(match[1] as string).toLowerCase()] = match[2] as string;
  return params;
}

/** The first `errors[].code` of a registry's JSON error body. */
function registryErrorCode(text: string): string | null {
  try {
    const code = (JSON.parse(text) as { errors?: { code?: unknown }[] }).errors?.[0]?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

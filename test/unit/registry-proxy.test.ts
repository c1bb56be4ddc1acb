import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proxyFor } from '../../server/src/scan/builtin/registry/http';

const via = (url: string, env: NodeJS.ProcessEnv): string | null => proxyFor(new URL(url), env)?.href ?? null;

describe('which proxy a registry request goes through', () => {
  it('takes HTTPS_PROXY for https and HTTP_PROXY for http, the first set of either case', () => {
    const env = { HTTPS_PROXY: 'http://secure.proxy:3128', http_proxy: 'plain.proxy:8080' };
    assert.equal(via('https://ghcr.io/v2/', env), 'http://secure.proxy:3128/');
    assert.equal(via('http://registry.lan:5000/v2/', env), 'http://plain.proxy:8080/', 'a bare host:port is an http proxy');
    assert.equal(via('https://ghcr.io/v2/', { HTTPS_PROXY: '', https_proxy: 'http://lower:1' }), 'http://lower:1/', 'an empty variable is unset');
    assert.equal(via('https://ghcr.io/v2/', {}), null);
  });

  it('goes direct for loopback hosts and for what NO_PROXY names', () => {
    const proxy = { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1' };
    assert.equal(via('http://127.0.0.1:5000/v2/', proxy), null);
    assert.equal(via('http://localhost:5000/v2/', proxy), null);
    assert.equal(via('https://[::1]:5000/v2/', proxy), null);
    const cases: [string, string, boolean][] = [
      ['*', 'https://ghcr.io/', false],
      ['ghcr.io', 'https://ghcr.io/', false],
      ['ghcr.io', 'https://pkg.ghcr.io/', false],
      ['.example.com', 'https://registry.example.com/', false],
      ['example.com', 'https://notexample.com/', true],
      ['registry.lan:5000', 'http://registry.lan:5000/', false],
      ['registry.lan:5000', 'http://registry.lan:5001/', true],
      ['registry.lan:443', 'https://registry.lan/', false],
      [' other.org , ghcr.io ', 'https://ghcr.io/', false],
    ];
    for (const [noProxy, url, proxied] of cases) assert.equal(via(url, { ...proxy, NO_PROXY: noProxy }) !== null, proxied, `NO_PROXY=${noProxy} ${url}`);
  });
});

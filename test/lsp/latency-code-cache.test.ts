import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cacheFilesFor } from '../support/codeCache';
import { LspClient } from '../support/lspClient';

const DOCKERFILE = 'FROM node:latest\nRUN apt-get update && apt-get install -y curl\nUSER root\n';
const URI = 'file:///code-cache/Dockerfile';

/** The server with its code cache in `dir` (as the extension starts it), one Dockerfile checked. */
async function checkOnce(dir: string): Promise<{ client: LspClient; diagnostics: string[] }> {
  const client = await LspClient.start({ initializationOptions: { dev: true }, env: { ...process.env, SEAWORTHY_CODE_CACHE: dir } });
  client.open(URI, 'dockerfile', DOCKERFILE);
  const published = await client.diagnostics(URI, 1);
  return { client, diagnostics: published.diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`).sort() };
}

describe('language server: V8 code cache of its bundles (SEAWORTHY_CODE_CACHE)', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-code-cache-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the cache of the server and the engine after a first start, and the next start compiles from it with the same findings', async () => {
    const first = await checkOnce(dir);
    let written: string[];
    try {
      // Written a second after each bundle ran: on a loaded machine the server's may be already.
      const before = (await first.client.devStats()).codeCache ?? {};
      assert.deepEqual(Object.keys(before).sort(), ['engine.js', 'serverMain.js']);
      for (const [bundle, state] of Object.entries(before)) assert.ok(state === 'missing' || state === 'written', `${bundle}: ${state}`);
      written = await cacheFilesFor(dir, ['serverMain.js', 'engine.js']);
      assert.deepEqual((await first.client.devStats()).codeCache, { 'serverMain.js': 'written', 'engine.js': 'written' });
    } finally {
      await first.client.stop();
    }
    assert.ok(first.diagnostics.length >= 3, `findings on the Dockerfile: ${first.diagnostics.join(', ')}`);
    if (process.platform !== 'win32') for (const file of written) assert.equal(fs.statSync(path.join(dir, file)).mode & 0o077, 0, `${file} is the user's alone`);

    const second = await checkOnce(dir);
    try {
      assert.deepEqual((await second.client.devStats()).codeCache, { 'serverMain.js': 'used', 'engine.js': 'used' });
      assert.deepEqual(second.diagnostics, first.diagnostics);
    } finally {
      await second.client.stop();
    }
    assert.deepEqual(fs.readdirSync(dir).sort(), written, 'nothing rewritten, nothing left over');
  });

  it('compiles as usual when a cache file is damaged, and replaces it', async () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
    assert.equal(files.length, 2, 'the caches of the test before');
    // A cache file's header garbled: V8 refuses it.
    const damaged = new Map<string, string>();
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(dir, file)).toString('latin1');
      const garbled = 'Z'.repeat(64) + bytes.slice(64);
      fs.writeFileSync(path.join(dir, file), garbled, 'latin1');
      damaged.set(file, garbled);
    }
    const run = await checkOnce(dir);
    try {
      // Rejected, and (a second later, sooner than a loaded machine answers) written anew: never used.
      const states = (await run.client.devStats()).codeCache ?? {};
      assert.deepEqual(Object.keys(states).sort(), ['engine.js', 'serverMain.js']);
      for (const [bundle, state] of Object.entries(states)) assert.ok(state === 'rejected' || state === 'written', `${bundle}: ${state}`);
      assert.ok(run.diagnostics.length >= 3);
      await cacheFilesFor(dir, ['serverMain.js', 'engine.js'], (f) => fs.readFileSync(path.join(dir, f)).toString('latin1') !== damaged.get(f));
    } finally {
      await run.client.stop();
    }
  });

  it('caches nothing without SEAWORTHY_CODE_CACHE', async () => {
    const env = { ...process.env };
    delete env.SEAWORTHY_CODE_CACHE;
    const client = await LspClient.start({ initializationOptions: { dev: true }, env });
    try {
      client.open(URI, 'dockerfile', DOCKERFILE);
      await client.diagnostics(URI, 1);
      assert.equal((await client.devStats()).codeCache, null);
    } finally {
      await client.stop();
    }
  });
});

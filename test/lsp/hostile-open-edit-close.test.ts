import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';
import { podYaml, tempWorkspace } from '../support/lspWorkspace';

const CYCLES = 10_000;
/** Documents open at once: each round opens, edits, waits for, and closes this many. */
const BATCH = 50;
/** Cycles before the first heap reading: the engine, the parsers and the JIT's code are loaded by then. */
const WARM_UP = 1_000;
/** What the heap may grow over the cycles after warm-up: 10,000 documents kept would be megabytes. */
const ALLOWED_GROWTH_BYTES = 1024 * 1024;

/**
 * A session that opens, edits and closes documents all day keeps nothing of the closed ones: the
 * server's heap, read over JSON-RPC after a full collection, is as large after 10,000 cycles as
 * after the first thousand. Every cycle is a new URI, so anything kept per document would add up.
 */
describe('language server: memory over open/edit/close cycles', () => {
  it(`keeps the heap flat over ${CYCLES.toLocaleString('en')} open/edit/close cycles`, async () => {
    const ws = tempWorkspace('memory');
    const client = await LspClient.start({ workspaceFolders: [ws.dir], nodeArgs: ['--expose-gc'], initializationOptions: { debounceMs: 0, dev: true } });
    try {
      const texts = [
        ['Dockerfile', 'dockerfile', 'FROM node:22\nRUN apt-get update && apt-get install -y curl\nUSER 1000\n'],
        ['pod.yaml', 'yaml', podYaml([true, false])],
      ] as const;
      let before = 0;
      for (let cycle = 0; cycle < CYCLES; cycle += BATCH) {
        if (cycle === WARM_UP) before = (await client.devStats(undefined, true)).heapUsed;
        const uris: string[] = [];
        for (let i = cycle; i < cycle + BATCH; i++) {
          const [name, languageId, text] = texts[i % texts.length]!;
          const uri = ws.uri(`c${i}/${name}`);
          client.open(uri, languageId, text);
          uris.push(uri);
        }
        await Promise.all(uris.map((uri) => client.diagnostics(uri, 1)));
        const edited = uris.map((uri) => [uri, client.insert(uri, 0, 0, '# edited\n')] as const);
        await Promise.all(edited.map(([uri, version]) => client.diagnostics(uri, version)));
        for (const uri of uris) client.close(uri);
        client.published.length = 0;
      }
      const after = await client.devStats(undefined, true);
      assert.equal(after.tracked, 0);
      const growth = after.heapUsed - before;
      assert.ok(growth < ALLOWED_GROWTH_BYTES, `the heap grew by ${(growth / 1024).toFixed(0)} KiB over ${CYCLES - WARM_UP} cycles (from ${(before / 1024).toFixed(0)} KiB)`);
    } finally {
      await client.stop();
    }
  });
});

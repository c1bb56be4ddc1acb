import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAST_CHECK_MS, MAX_ADAPTIVE_DEBOUNCE_MS, adaptiveDebounce } from '../../server/src/lsp/diagnostics';
import { dockerfile, keystroke } from '../bench/inputs';
import { LspClient } from '../support/lspClient';

/**
 * The latency users see with the default settings (no `debounceMs`): an opened document is
 * checked at once, and each edit waits as long as the document's measured check cost asks for.
 * Nothing here is timed: the server reports over JSON-RPC what it measured and which wait it
 * scheduled, and the test holds the two to the policy.
 */
describe('language server: latency with the default settings', () => {
  it('waits after an edit only as long as the document checks, never for a cheap one', () => {
    assert.equal(adaptiveDebounce(undefined), 0);
    assert.equal(adaptiveDebounce(0.4), 0);
    assert.equal(adaptiveDebounce(FAST_CHECK_MS), 0);
    assert.equal(adaptiveDebounce(FAST_CHECK_MS + 0.5), FAST_CHECK_MS + 1);
    assert.equal(adaptiveDebounce(240.2), 241);
    assert.equal(adaptiveDebounce(60_000), MAX_ADAPTIVE_DEBOUNCE_MS);
    assert.equal(adaptiveDebounce(Number.NaN), 0);
  });

  it('checks an opened document at once and each edit after the wait its measured cost asks for', async () => {
    const client = await LspClient.start({ initializationOptions: { dev: true } });
    try {
      const input = dockerfile(30);
      const uri = 'file:///latency/small/Dockerfile';
      client.open(uri, 'dockerfile', input.text);
      await client.diagnostics(uri, 1);
      let stats = await client.devStats(uri);
      assert.equal(stats.document?.lints, 1);
      assert.equal(stats.document?.lastDelayMs, 0);
      for (let i = 0; i < 6; i++) {
        const cost: number | null | undefined = stats.document?.costMs;
        assert.ok(typeof cost === 'number' && cost > 0, `a measured cost, not ${cost}`);
        const version = client.change(uri, [keystroke(input, i)]);
        await client.diagnostics(uri, version);
        stats = await client.devStats(uri);
        assert.equal(stats.document?.lastDelayMs, adaptiveDebounce(cost ?? undefined));
        assert.equal(stats.document?.lints, i + 2);
      }
    } finally {
      await client.stop();
    }
  });

  it('checks an opened document at once even with a configured debounce, and waits that long after an edit', async () => {
    const client = await LspClient.start({ initializationOptions: { dev: true, debounceMs: 5000 } });
    try {
      const input = dockerfile(30);
      const uri = 'file:///latency/configured/Dockerfile';
      client.open(uri, 'dockerfile', input.text);
      await client.diagnostics(uri, 1);
      assert.equal((await client.devStats(uri)).document?.lastDelayMs, 0);
      client.change(uri, [keystroke(input, 0)]);
      // Messages are handled in order: the change has been scheduled, not yet checked.
      const stats = await client.devStats(uri);
      assert.equal(stats.document?.lastDelayMs, 5000);
      assert.equal(stats.document?.lints, 1);
      assert.deepEqual(client.published.map((p) => p.version), [1]);
    } finally {
      await client.stop();
    }
  });

  it('publishes a burst of edits in version order, ending with the newest, never a stale one after it', async () => {
    const client = await LspClient.start({ initializationOptions: { dev: true } });
    try {
      const input = dockerfile(2000);
      const uri = 'file:///latency/large/Dockerfile';
      client.open(uri, 'dockerfile', input.text);
      await client.diagnostics(uri, 1);
      let version = 1;
      for (let i = 0; i < 20; i++) version = client.change(uri, [keystroke(input, i)]);
      await client.diagnostics(uri, version);
      // A check for the newest version came after every other: a later publish would be stale.
      await client.devStats(uri);
      const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
      assert.equal(new Set(versions).size, versions.length);
      assert.equal(versions.at(-1), version);
      // Each version is linted at most once, however the checks and edits interleave.
      assert.ok((await client.devStats(uri)).document!.lints <= version);
    } finally {
      await client.stop();
    }
  });
});

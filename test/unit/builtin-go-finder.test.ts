import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GoBuildInfoFinder, isGoBuildInfo } from '../../server/src/scan/builtin/inventory/goBuildInfo';

describe('finding Go build information in a stream', () => {
  it('finds the magic wherever the chunks split it, and keeps only what follows it', () => {
    const blob = Buffer.concat([Buffer.alloc(50, 1), Buffer.from('\xff Go buildinf:', 'latin1'), Buffer.alloc(40, 2)] as unknown as Uint8Array[]);
    for (let size = 1; size <= blob.length; size++) {
      const finder = new GoBuildInfoFinder();
      for (let at = 0; at < blob.length; at += size) finder.push(blob.subarray(at, at + size));
      const found = finder.end();
      assert.ok(found && isGoBuildInfo(found), `chunks of ${size}`);
      assert.equal(found.length, 54, `chunks of ${size}`);
    }
    const none = new GoBuildInfoFinder();
    none.push(Buffer.alloc(1000, 0xff));
    assert.equal(none.end(), null);
  });
});

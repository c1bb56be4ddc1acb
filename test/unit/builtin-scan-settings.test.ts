import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scanSettingsOf } from '../../server/src/lsp/scanSettings';

describe('the built-in scanner settings', () => {
  it('reads seaworthy.scan.osvDatabase (~/ is the home folder; empty is none)', () => {
    assert.equal(scanSettingsOf({ osvDatabase: '~/osv' }, true).osvDatabase, path.join(os.homedir(), 'osv'));
    assert.equal(scanSettingsOf({ osvDatabase: ' /data/osv/Debian-all.zip ' }, true).osvDatabase, '/data/osv/Debian-all.zip');
    assert.equal(scanSettingsOf({ osvDatabase: '' }, true).osvDatabase, null);
    assert.equal(scanSettingsOf({ osvDatabase: 42 }, true).osvDatabase, null);
  });

  it('reads seaworthy.scan.insecureRegistries, keeping only host[:port] entries', () => {
    assert.deepEqual(scanSettingsOf({ insecureRegistries: ['registry.lan:5000', ' build-cache ', 'http://x:1', 7, 'a b'] }, true).insecureRegistries, ['registry.lan:5000', 'build-cache']);
    assert.deepEqual(scanSettingsOf({ insecureRegistries: 'registry.lan:5000' }, true).insecureRegistries, []);
    assert.deepEqual(scanSettingsOf(undefined, true).insecureRegistries, []);
  });
});

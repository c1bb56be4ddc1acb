import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanBuiltin } from '../../server/src/scan/builtin/builtinScan';
import { buildImage, privateKeyPem, writeOciLayout, type TestEntry } from '../support/testImages';

/**
 * The scan keeps only the entries a rule looks at; the others are known by path hash. These
 * images change recorded entries through entries that are not recorded, in later layers.
 */
describe('built-in scanner: what a later layer does to a kept entry through one it does not keep', () => {
  let dir: string;
  const key = privateKeyPem();
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-sparse-'));
    const filler = (prefix: string): TestEntry[] => Array.from({ length: 50 }, (_, i) => ({ path: `${prefix}/f${i}`, content: `${i}` }));
    const image = await buildImage({
      layers: [
        {
          entries: [
            { path: 'opt', dir: true },
            { path: 'opt/shared', content: 'anyone may write', mode: 0o666 },
            { path: 'opt/tools', dir: true },
            { path: 'opt/tools/su-helper', content: 'x', mode: 0o4755 },
            { path: 'srv', dir: true },
            { path: 'srv/id_rsa', content: key, mode: 0o600 },
            { path: 'srv/kept', dir: true, mode: 0o777 },
            ...filler('srv/data'),
          ],
        },
        {
          entries: [
            // Replaced by an ordinary file, a file where a folder was, an ordinary key-less file, an ordinary folder.
            { path: 'opt/shared', content: 'now private', mode: 0o644 },
            { path: 'opt/tools', content: 'a file now', mode: 0o644 },
            { path: 'srv/id_rsa', content: 'not a key any more', mode: 0o600 },
            { path: 'srv/kept', dir: true, mode: 0o755 },
            ...filler('srv/more'),
          ],
        },
      ],
      config: { User: '10001' },
    });
    writeOciLayout(path.join(dir, 'layout'), { sparse: image });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sees them replaced or removed: no world-writable or setuid finding, the key only in its layer', async () => {
    const scan = await scanBuiltin(`oci:${path.join(dir, 'layout')}:sparse`, { platform: null, today: '2026-12-03' });
    assert.deepEqual(
      scan.findings.map((f) => [f.ruleId, f.path]),
      [
        ['image-private-key', '/srv/id_rsa'],
        ['vulnerabilities-not-checked', null],
      ],
    );
    assert.match(scan.findings[0]?.message ?? '', /in layer 1; a later layer deleted or replaced it/);
  });
});

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanBuiltin } from '../../server/src/scan/builtin/builtinScan';
import { registrySkipReason } from '../support/registryHarness';
import { buildImage, writeOciLayout, type TestEntry } from '../support/testImages';

/** Go 1.18+ inline build information, laid out as the linker writes it: magic, pointer size, flags, padding, then two length-prefixed strings. */
function buildInfo(toolchain: string, modinfo: string): Buffer {
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 0, 'latin1');
  header[14] = 8;
  header[15] = 2;
  const sentinel = Buffer.alloc(16, 0xaa);
  const text = (value: Buffer): Buffer => Buffer.concat([Buffer.from([value.length & 0x7f | (value.length > 0x7f ? 0x80 : 0)]), ...(value.length > 0x7f ? [Buffer.from([value.length >> 7])] : []), value] as unknown as Uint8Array[]);
  return Buffer.concat([header, text(Buffer.from(toolchain)), text(Buffer.concat([sentinel, Buffer.from(modinfo), sentinel] as unknown as Uint8Array[]))] as unknown as Uint8Array[]);
}

const MODINFO = 'path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\tgolang.org/x/net\tv0.17.0\th1:abc=\ndep\tgithub.com/old/lib\tv1.0.0\th1:x=\n=>\tgithub.com/new/lib\tv1.2.0\th1:y=\nbuild\tGOOS=linux\n';

/** GO-2024-2687 (HTTP/2 CONTINUATION flood) as the Go vulnerability database exports it, trimmed to what matching reads. */
const GO_RECORD = {
  schema_version: '1.6.0',
  id: 'GO-2024-2687',
  summary: 'HTTP/2 CONTINUATION flood in net/http',
  aliases: ['CVE-2023-45288'],
  affected: [
    { package: { ecosystem: 'Go', name: 'stdlib' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.21.9' }, { introduced: '1.22.0-0' }, { fixed: '1.22.2' }] }] },
    { package: { ecosystem: 'Go', name: 'golang.org/x/net' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.23.0' }] }] },
  ],
  references: [{ type: 'ADVISORY', url: 'https://pkg.go.dev/vuln/GO-2024-2687' }],
};

describe('built-in scanner: Go binaries', () => {
  let dir: string;
  const registryBinary = '/usr/bin/docker-registry';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-go-'));
    // The build information 100 KiB into a binary-looking file, so it arrives in a later chunk than the start.
    const binary = Buffer.concat([randomBytes(100 * 1024), buildInfo('go1.22.1', MODINFO), randomBytes(4096)] as unknown as Uint8Array[]);
    const entries: TestEntry[] = [
      { path: 'app', dir: true },
      { path: 'app/server', content: binary, mode: 0o755 },
      { path: 'app/data.bin', content: binary, mode: 0o644 },
    ];
    if (registrySkipReason() === null) entries.push({ path: 'usr/bin/registry', content: fs.readFileSync(registryBinary), mode: 0o755 });
    writeOciLayout(path.join(dir, 'layout'), { go: await buildImage({ layers: [{ compression: 'none', entries }], config: { User: '10001' } }) });
    fs.mkdirSync(path.join(dir, 'osv'));
    fs.writeFileSync(path.join(dir, 'osv', 'GO-2024-2687.json'), JSON.stringify(GO_RECORD));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the toolchain and modules of an executable (not of a plain data file), and matches them in the Go ecosystem', async () => {
    const scan = await scanBuiltin(`oci:${path.join(dir, 'layout')}:go`, { platform: null, today: '2026-12-03', osvDatabase: path.join(dir, 'osv') });
    const fromApp = (scan.packages ?? []).filter((p) => p.foundIn === '/app/server').map((p) => `${p.type}:${p.name}@${p.version}`);
    assert.deepEqual(fromApp.sort(), ['golang:example.com/app@(devel)', 'golang:github.com/new/lib@v1.2.0', 'golang:golang.org/x/net@v0.17.0', 'golang:stdlib@1.22.1']);
    assert.ok(!(scan.packages ?? []).some((p) => p.foundIn === '/app/data.bin'), 'a file that is not executable is not read');
    const appVulns = scan.vulnerabilities.filter((v) => v.package === 'stdlib' || v.package === 'golang.org/x/net').map((v) => [v.id, v.package, v.installedVersion, v.fixedVersion]);
    assert.deepEqual(appVulns.filter((v) => v[2] === '1.22.1' || v[2] === 'v0.17.0').sort(), [
      ['GO-2024-2687', 'golang.org/x/net', 'v0.17.0', '0.23.0'],
      ['GO-2024-2687', 'stdlib', '1.22.1', '1.22.2'],
    ]);
  });

  it("reads a real Go binary's toolchain (Debian's docker-registry)", { skip: registrySkipReason() ?? false }, async () => {
    const scan = await scanBuiltin(`oci:${path.join(dir, 'layout')}:go`, { platform: null, today: '2026-12-03' });
    const real = (scan.packages ?? []).filter((p) => p.foundIn === '/usr/bin/registry');
    assert.equal(real[0]?.name, 'stdlib');
    assert.match(real[0]?.version ?? '', /^1\.\d+\.\d+$/);
    // The same toolchain string the binary carries, found by a plain search of its bytes.
    const carried = /go(1\.\d+(?:\.\d+)?)\x00?/.exec(fs.readFileSync(registryBinary).toString('latin1').slice(fs.readFileSync(registryBinary).indexOf('\xff Go buildinf:', 0, 'latin1')))?.[1];
    assert.equal(real[0]?.version, carried);
  });
});

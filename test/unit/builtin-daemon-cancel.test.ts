import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nodeProcessHost } from '../../server/src/host/nodeProcessHost';
import { scanBuiltin } from '../../server/src/scan/builtin/builtinScan';
import { ImageError } from '../../server/src/scan/builtin/imageError';
import type { ProcessHost } from '../../server/src/scan/processes';

describe('built-in scanner: cancelling docker-daemon: ends `image save`', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-daemon-'));
    // This test process's temporary files go to a folder of its own, to see the archive removed.
    fs.mkdirSync(path.join(dir, 'tmp'));
    process.env.TMPDIR = path.join(dir, 'tmp');
    fs.mkdirSync(path.join(dir, 'bin'));
    // A docker that starts writing an archive and never finishes.
    fs.writeFileSync(path.join(dir, 'bin', 'docker'), '#!/bin/sh\nprintf "partial tar"\nexec sleep 600\n', { mode: 0o755 });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('kills the child once the scan is cancelled mid-stream, and removes the partial archive', async () => {
    const real = nodeProcessHost({ ...process.env, PATH: path.join(dir, 'bin') });
    const controller = new AbortController();
    let pid: number | undefined;
    const host: ProcessHost = {
      ...real,
      spawn: (file, args, options) => {
        const child = real.spawn(file, args, options);
        pid = child.pid;
        // Cancel on the first bytes the engine writes: the save is under way.
        child.stdout?.once('data', () => controller.abort());
        return child;
      },
    };
    await assert.rejects(
      scanBuiltin('docker-daemon:app:1.0', { platform: null, today: '2026-12-03', signal: controller.signal, processes: host }),
      (e: unknown) => e instanceof ImageError && e.kind === 'cancelled' && /`docker image save` was stopped/.test(e.message),
    );
    assert.ok(pid !== undefined);
    assert.throws(() => process.kill(pid as number, 0), { code: 'ESRCH' }, 'the save process is gone');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'tmp')), [], 'no temporary archive is left');
  });
});

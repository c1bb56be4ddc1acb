import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ImageError } from '../../server/src/scan/builtin/imageError';
import { localSource, readImage } from '../../server/src/scan/builtin/imageReader';
import type { ContentInspector } from '../../server/src/scan/builtin/layerReader';
import { DEFAULT_IMAGE_LIMITS } from '../../server/src/scan/builtin/limits';
import { buildImage, writeOciLayout } from '../support/testImages';

const BIG = 48 * 1024 ** 2;

describe('built-in scanner: cancelling inside one large file', () => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-cancel-'));
    // One layer whose last entry is one large file: no later entry or layer would notice a cancel.
    const image = await buildImage({ layers: [{ compression: 'none', entries: [{ path: 'data', dir: true }, { path: 'data/blob.bin', content: Buffer.alloc(BIG, 7) }] }], config: {} });
    writeOciLayout(path.join(dir, 'layout'), { big: image });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops reading as soon as the scan is cancelled, not at the end of the file', async () => {
    const controller = new AbortController();
    let sized = 0;
    // Cancelled the moment the reader reaches the large file (an event, not a timer).
    const inspector: ContentInspector = {
      limitFor(filePath, meta) {
        if (filePath === 'data/blob.bin') {
          sized = meta.size;
          controller.abort();
        }
        return 0;
      },
      keep: () => false,
    };
    const source = localSource(`oci:${path.join(dir, 'layout')}:big`, { platform: null });
    assert.ok(source);
    await assert.rejects(readImage(source, inspector, DEFAULT_IMAGE_LIMITS, controller.signal), (e: unknown) => e instanceof ImageError && e.kind === 'cancelled');
    assert.equal(sized, BIG, 'the cancel came at the large file');
  });
});

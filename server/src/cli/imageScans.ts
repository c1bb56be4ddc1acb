import * as path from 'path';
import { nodeProcessHost } from '../host/nodeProcessHost';
import type { ImageScan } from '../scan/model';
import { ScanCache } from '../scan/scanCache';
import { DEFAULT_SCAN_TIMEOUT_MS, scanImage, ScanError } from '../scan/scanner';
import type { ScanCommand } from './args';
import type { CliIo, Messages } from './checkCommand';

/**
 * Scans each image in turn with the engine the command names (or the first installed). A scan
 * that fails costs an error message naming the image and what to do, never the other images'
 * results; after Ctrl-C nothing more is started.
 */
export async function scanImagesForCli(images: readonly string[], command: ScanCommand, io: CliIo, messages: Messages): Promise<ImageScan[]> {
  const host = nodeProcessHost(io.env);
  // Two mentions of one image (two stages on `node:22`) are scanned once.
  const cache = new ScanCache(host.clock);
  const timeoutMs = timeoutFrom(io.env, messages);
  const osvDatabase = command.osvDatabase === null ? null : path.resolve(io.cwd, command.osvDatabase);
  const scans: ImageScan[] = [];
  for (const image of images) {
    if (io.signal?.aborted) {
      messages.fail(`${image}: not scanned, the scan was cancelled`);
      continue;
    }
    try {
      scans.push(await scanImage(image, { engine: command.engine, platform: command.platform, timeoutMs, osvDatabase, ...(io.signal ? { signal: io.signal } : {}) }, host, cache));
    } catch (e) {
      if (!(e instanceof ScanError)) throw e;
      messages.fail(`${image}: ${e.message}`);
    }
  }
  return scans;
}

/** `SEAWORTHY_SCAN_TIMEOUT` (seconds) overrides the default of ten minutes. */
function timeoutFrom(env: NodeJS.ProcessEnv, messages: Messages): number {
  const text = env.SEAWORTHY_SCAN_TIMEOUT;
  if (text === undefined || text === '') return DEFAULT_SCAN_TIMEOUT_MS;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  messages.say(`SEAWORTHY_SCAN_TIMEOUT='${text}' is not a number of seconds; using ${DEFAULT_SCAN_TIMEOUT_MS / 1000}`);
  return DEFAULT_SCAN_TIMEOUT_MS;
}

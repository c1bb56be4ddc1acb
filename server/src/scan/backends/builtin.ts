import { scanBuiltin } from '../builtin/builtinScan';
import { ImageError } from '../builtin/imageError';
import type { ImageScan } from '../model';
import type { Clock } from '../processes';
import { ScanError, type ScanOptions } from '../scanner';

/** `oci:…` and `docker-archive:…`: image forms only the built-in scanner reads. */
export function isLocalImage(image: string): boolean {
  return /^(?:oci|docker-archive):./.test(image);
}

/**
 * The built-in engine behind the scanner's interface: runs in this process (no executable to
 * find), honours the timeout and cancellation through one abort signal, and turns an ImageError
 * into the ScanError of the same kind.
 */
export async function scanWithBuiltin(image: string, options: ScanOptions, clock: Clock): Promise<ImageScan> {
  const controller = new AbortController();
  const stopTimer = clock.after(options.timeoutMs, () => controller.abort('timeout'));
  const onAbort = (): void => controller.abort('cancelled');
  options.signal?.addEventListener('abort', onAbort);
  try {
    return await scanBuiltin(image, { platform: options.platform, today: new Date(clock.now()).toISOString().slice(0, 10), signal: controller.signal });
  } catch (e) {
    if (controller.signal.reason === 'timeout') {
      throw new ScanError('timeout', `the built-in scanner did not finish scanning ${image} within ${Math.round(options.timeoutMs / 1000)} s: scan again, or allow longer (seaworthy.scan.timeoutSeconds)`);
    }
    if (controller.signal.aborted) throw new ScanError('cancelled', `the scan of ${image} was cancelled`);
    if (e instanceof ImageError) throw new ScanError(e.kind, `cannot scan ${image}: ${e.message}`);
    throw e;
  } finally {
    stopTimer();
    options.signal?.removeEventListener('abort', onAbort);
  }
}

import { scanBuiltin } from '../builtin/builtinScan';
import { ImageError } from '../builtin/imageError';
import { credentialsFor } from '../builtin/registry/credentials';
import { nodeHttpGet } from '../builtin/registry/http';
import type { RegistryOptions } from '../builtin/registry/registryClient';
import type { ImageScan } from '../model';
import type { ProcessHost } from '../processes';
import { ScanError, type ScanOptions } from '../scanner';

/** `oci:…`, `docker-archive:…` and `docker-daemon:…`: image forms only the built-in scanner reads. */
export function isLocalImage(image: string): boolean {
  return /^(?:oci|docker-archive|docker-daemon):./.test(image);
}

/**
 * The built-in engine behind the scanner's interface: runs in this process (no executable to
 * find), honours the timeout and cancellation through one abort signal, and turns an ImageError
 * into the ScanError of the same kind.
 */
/** A registry that sends nothing for this long is given up on. */
const REGISTRY_IDLE_TIMEOUT_MS = 60_000;

/** `SEAWORTHY_INSECURE_REGISTRIES=host:port,…`: registries besides loopback ones spoken to over plain HTTP. */
export function insecureRegistries(env: NodeJS.ProcessEnv): string[] {
  return (env.SEAWORTHY_INSECURE_REGISTRIES ?? '').split(',').map((h) => h.trim()).filter(Boolean);
}

/**
 * How the built-in engine reaches registries from this process: Node's HTTP (through the proxy
 * the environment names), the stored logins, and the registries spoken to over plain HTTP
 * besides loopback ones (`SEAWORTHY_INSECURE_REGISTRIES` and the setting's list).
 */
export function builtinRegistryOptions(host: ProcessHost, timeoutMs: number, insecure: readonly string[] = []): Omit<RegistryOptions, 'signal'> {
  const runHelper = host.runWithInput?.bind(host);
  return {
    get: nodeHttpGet(host.env),
    credentials: (registry) => credentialsFor(registry, host.env, runHelper ?? null),
    insecureRegistries: [...insecureRegistries(host.env), ...insecure],
    idleTimeoutMs: Math.min(REGISTRY_IDLE_TIMEOUT_MS, timeoutMs),
  };
}

export async function scanWithBuiltin(image: string, options: ScanOptions, host: ProcessHost): Promise<ImageScan> {
  const { clock } = host;
  const controller = new AbortController();
  const stopTimer = clock.after(options.timeoutMs, () => controller.abort('timeout'));
  const onAbort = (): void => controller.abort('cancelled');
  options.signal?.addEventListener('abort', onAbort);
  try {
    return await scanBuiltin(image, {
      platform: options.platform,
      osvDatabase: options.osvDatabase ?? null,
      today: new Date(clock.now()).toISOString().slice(0, 10),
      signal: controller.signal,
      registry: builtinRegistryOptions(host, options.timeoutMs, options.insecureRegistries ?? []),
      processes: host,
    });
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

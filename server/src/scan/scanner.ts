import { BACKENDS, backendById, type ExternalEngineId, type ScanBackend } from './backends';
import { isLocalImage, scanWithBuiltin } from './backends/builtin';
import { findOnPath } from './executables';
import { referenceProblem } from './imageReference';
import { sortScan, type ImageScan, type ScanEngineId } from './model';
import { runProcess, SpawnError, type ProcessHost, type RunResult } from './processes';
import { ReportError } from './reports/reportFormat';
import type { ScanCache } from './scanCache';

export type EngineChoice = 'auto' | ScanEngineId;
export const ENGINE_CHOICES: readonly EngineChoice[] = ['auto', 'trivy', 'grype', 'docker-scout', 'builtin'];

/** Ten minutes: a first Trivy run downloads its database, and large images take a while. */
export const DEFAULT_SCAN_TIMEOUT_MS = 10 * 60 * 1000;

/** A platform as `--platform` and `seaworthy.scan.platform` take it: OS/ARCH[/VARIANT], e.g. linux/arm64/v8. */
export const PLATFORM_PATTERN = /^[a-z0-9_]+\/[a-z0-9_]+(?:\/[a-z0-9_]+)?$/;

export type ScanErrorKind = 'bad-reference' | 'missing-scanner' | 'unsupported' | 'timeout' | 'cancelled' | 'failed' | 'unparsable' | 'offline-db' | 'login' | 'not-found';

/** A scan that did not produce a result; the message says what happened and what to do. */
export class ScanError extends Error {
  constructor(
    readonly kind: ScanErrorKind,
    message: string,
    /** The end of the scanner's stderr, when it ran. */
    readonly stderr = '',
  ) {
    super(message);
  }
}

export interface ScanOptions {
  engine: EngineChoice;
  platform: string | null;
  timeoutMs: number;
  /** Executables named in settings. The caller leaves out any an untrusted workspace set. */
  executablePaths?: Partial<Record<ExternalEngineId, string>>;
  signal?: AbortSignal;
  onStderr?: (text: string) => void;
  /** Scan again even when the cache has a result. */
  refresh?: boolean;
  /** The OSV database the built-in engine matches against (absolute path); none: vulnerabilities not checked. */
  osvDatabase?: string | null;
  /** Registries (`host:port`) the built-in engine may speak plain HTTP to besides loopback ones. */
  insecureRegistries?: readonly string[];
}

export interface ChosenScanner {
  backend: ScanBackend;
  executable: string;
}

/** The scanner `choice` names, or for `auto` the first installed; throws a ScanError saying how to get one. */
export function chooseScanner(choice: EngineChoice, options: Pick<ScanOptions, 'executablePaths'>, host: ProcessHost): ChosenScanner {
  if (choice === 'builtin') throw new ScanError('unsupported', 'the built-in scanner runs in process: scanImage calls it without choosing an executable');
  const locate = (backend: ScanBackend): string | null => {
    const configured = options.executablePaths?.[backend.id];
    if (configured) return host.isExecutable(configured) ? configured : null;
    return findOnPath(backend.executable, host);
  };
  if (choice !== 'auto') {
    const backend = backendById(choice);
    const executable = locate(backend);
    if (executable) return { backend, executable };
    const configured = options.executablePaths?.[backend.id];
    const where = configured ? `'${configured}' (${backend.pathSetting}) is not an executable file` : `no '${backend.executable}' on PATH`;
    throw new ScanError('missing-scanner', `${backend.name} was not found (${where}): ${backend.installHint}, or name it in the setting ${backend.pathSetting}`);
  }
  for (const backend of BACKENDS) {
    const executable = locate(backend);
    if (executable && (backend.usable?.(executable, host) ?? true)) return { backend, executable };
  }
  const hints = BACKENDS.map((b) => `${b.name}: ${b.installHint}`).join('; ');
  throw new ScanError('missing-scanner', `no scanner found: none of Trivy, Grype or Docker Scout is installed. ${hints}. Or use the built-in scanner (engine builtin), which needs no install.`);
}

/**
 * The engine a scan with these settings runs for a registry reference: the one named, or for
 * `auto` the first installed external scanner, else the built-in one (which needs no install).
 */
export function engineInEffect(choice: EngineChoice, options: Pick<ScanOptions, 'executablePaths'>, host: ProcessHost): ScanEngineId {
  if (choice !== 'auto') return choice;
  try {
    return chooseScanner(choice, options, host).backend.id;
  } catch (e) {
    if (e instanceof ScanError && e.kind === 'missing-scanner') return 'builtin';
    throw e;
  }
}

/**
 * Scans one image with the chosen engine: validates the reference, runs the scanner with an
 * argument array and a timeout, reads its machine-readable output, and explains any failure.
 * Results are cached per image, engine and platform.
 */
export async function scanImage(image: string, options: ScanOptions, host: ProcessHost, cache?: ScanCache): Promise<ImageScan> {
  const local = isLocalImage(image);
  const problem = local ? null : referenceProblem(image);
  if (problem) throw new ScanError('bad-reference', `cannot scan: ${problem}`);
  if (options.engine === 'builtin' || (local && options.engine === 'auto')) return scanBuiltinCached(image, options, host, cache);
  if (local) throw new ScanError('unsupported', `${image} is a local image form that the built-in engine reads: scan it with --engine builtin (or auto)`);
  let chosen: ChosenScanner;
  try {
    chosen = chooseScanner(options.engine, options, host);
  } catch (e) {
    // `auto` with no external scanner installed: the built-in one needs no install.
    if (options.engine === 'auto' && e instanceof ScanError && e.kind === 'missing-scanner') return scanBuiltinCached(image, options, host, cache);
    throw e;
  }
  const { backend, executable } = chosen;
  const cached = options.refresh ? null : (cache?.get(image, backend.id, options.platform) ?? null);
  // Named as asked: `node` and `docker.io/library/node:latest` share an entry.
  if (cached) return { ...cached, image };
  const args = backend.args({ image, platform: options.platform, timeoutMs: options.timeoutMs });
  let result: RunResult;
  try {
    result = await runProcess(host, executable, args, { timeoutMs: options.timeoutMs, signal: options.signal, onStderr: options.onStderr });
  } catch (e) {
    if (e instanceof SpawnError && e.code === 'ENOENT') throw new ScanError('missing-scanner', `${backend.name} was not found at '${executable}': ${backend.installHint}`);
    throw new ScanError('failed', `${backend.name} could not be started (${executable}): ${(e as Error).message}`);
  }
  const scan = { ...readResult(backend, image, options, result), image, engine: backend.id };
  cache?.set(image, options.platform, scan);
  return scan;
}

async function scanBuiltinCached(image: string, options: ScanOptions, host: ProcessHost, cache?: ScanCache): Promise<ImageScan> {
  // A local file changes under the same name: only registry images are cached.
  const cacheable = !isLocalImage(image);
  // A result matched against one database is not the answer for another.
  const variant = `${options.platform ?? ''}\u0000${options.osvDatabase ?? ''}`;
  const cached = options.refresh || !cacheable ? null : (cache?.get(image, 'builtin', variant) ?? null);
  if (cached) return { ...cached, image };
  const scan = await scanWithBuiltin(image, options, host);
  if (cacheable) cache?.set(image, variant, scan);
  return scan;
}

function readResult(backend: ScanBackend, image: string, options: ScanOptions, result: RunResult): ImageScan {
  const { name } = backend;
  if (result.ended === 'cancelled') throw new ScanError('cancelled', `the scan of ${image} was cancelled; ${name} was stopped`, result.stderr);
  if (result.ended === 'timeout') {
    throw new ScanError('timeout', `${name} did not finish scanning ${image} within ${Math.round(options.timeoutMs / 1000)} s and was stopped: scan again, or allow longer (seaworthy.scan.timeoutSeconds)`, result.stderr);
  }
  if (result.ended === 'output-limit') throw new ScanError('unparsable', `${name} printed more output than any report holds while scanning ${image}, and was stopped`, result.stderr);
  const known = backend.failures.find((f) => f.pattern.test(result.stderr));
  if (result.code !== 0) {
    if (known) throw new ScanError(known.kind, `${name} could not scan ${image}: ${known.advice}`, result.stderr);
    const how = result.code === null ? `was ended by ${result.signal ?? 'a signal'}` : `exited with code ${result.code}`;
    throw new ScanError('failed', `${name} ${how} while scanning ${image}${lastLine(result.stderr) ? `: ${lastLine(result.stderr)}` : ''}`, result.stderr);
  }
  try {
    return sortScan(backend.parse(result.stdout));
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    if (known) throw new ScanError(known.kind, `${name} could not scan ${image}: ${known.advice}`, result.stderr);
    const first = result.stdout.trim().split('\n')[0]?.slice(0, 80) ?? '';
    const shown = first ? `it began "${first}"` : 'it printed nothing';
    throw new ScanError('unparsable', `${name} finished but its output is not a report Seaworthy can read (${e.message}; ${shown})`, result.stderr);
  }
}

/** The last non-empty stderr line, without ANSI colour and a log prefix's timestamp. */
function lastLine(stderr: string): string {
  // eslint-disable-next-line no-control-regex
  const lines = stderr.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return (lines.at(-1) ?? '').slice(0, 300);
}

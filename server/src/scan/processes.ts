import { StringDecoder } from 'string_decoder';

/**
 * Running a scanner as a child process, with everything that touches the operating system passed
 * in (`ProcessHost`), so that tests run real child processes without patching globals and this
 * module imports no `child_process`. The command is an argument array, never a shell string.
 */

/** The part of a Node `ChildProcess` this module uses. */
export interface SpawnedProcess {
  readonly pid?: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  once(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'close', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  /** Its own process group (POSIX), so the whole tree can be ended. */
  detached: boolean;
  stdio: ['ignore', 'pipe', 'pipe'];
  windowsHide: boolean;
  shell: false;
}

/** The clock timeouts run on. */
export interface Clock {
  now(): number;
  /** Calls `callback` after `ms`; the returned function cancels it. */
  after(ms: number, callback: () => void): () => void;
}

export interface ProcessHost {
  spawn(file: string, args: readonly string[], options: SpawnOptions): SpawnedProcess;
  /** Ends a process and every process it started (its group on POSIX, `taskkill /T` on Windows). */
  killTree(pid: number, signal: 'SIGTERM' | 'SIGKILL'): void;
  /** Whether `path` is a file this user may execute. */
  isExecutable(path: string): boolean;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  clock: Clock;
  /**
   * Runs a short-lived helper (a docker credential helper) with `stdin` as its input and resolves
   * with its exit code and stdout, which may hold a secret and is never logged. Absent: no helpers.
   */
  runWithInput?(file: string, args: readonly string[], stdin: string): Promise<{ code: number | null; stdout: string }>;
}

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** stdout beyond this is an error (the child is ended): a report is never this big. */
  maxStdoutBytes?: number;
  /** Each chunk of the child's stderr as it arrives (the editor's output channel). */
  onStderr?: ((text: string) => void) | undefined;
  env?: NodeJS.ProcessEnv;
  /**
   * stdout is piped here (bytes, no limit) instead of collected: `docker image save`'s archive.
   * The promise resolves once the stream has finished writing; its errors are the caller's to
   * watch (cancel through `signal`).
   */
  stdoutTo?: NodeJS.WritableStream;
}

export interface RunResult {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last 64 KiB of stderr. */
  stderr: string;
  /** Why it was ended early, if it was. */
  ended: 'timeout' | 'cancelled' | 'output-limit' | null;
}

const STDERR_TAIL = 64 * 1024;
const DEFAULT_STDOUT_LIMIT = 512 * 1024 * 1024;
/** How long a child has to exit after SIGTERM before SIGKILL. */
export const KILL_GRACE_MS = 2000;

/** A child that could not be started (`ENOENT`, `EACCES`): not a scanner failure. */
export class SpawnError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs `file args…` to completion, collecting stdout and the tail of stderr. A timeout, an abort
 * or too much output ends the child and its children (SIGTERM, then SIGKILL after a grace
 * period); the promise then resolves with `ended` set. Rejects only with a SpawnError.
 */
export function runProcess(host: ProcessHost, file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ code: null, signal: null, stdout: '', stderr: '', ended: 'cancelled' });
      return;
    }
    const child = host.spawn(file, args, { env: options.env ?? host.env, detached: host.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, shell: false });
    const decoder = new StringDecoder('utf8');
    let stdout = '';
    let stdoutBytes = 0;
    let stderr = '';
    let ended: RunResult['ended'] = null;
    const cleanups: (() => void)[] = [];
    const end = (why: NonNullable<RunResult['ended']>): void => {
      if (ended || child.pid === undefined) return;
      ended = why;
      const pid = child.pid;
      tryKill(host, pid, 'SIGTERM');
      cleanups.push(host.clock.after(KILL_GRACE_MS, () => tryKill(host, pid, 'SIGKILL')));
    };
    cleanups.push(host.clock.after(options.timeoutMs, () => end('timeout')));
    const onAbort = (): void => end('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => options.signal?.removeEventListener('abort', onAbort));
    const { stdoutTo } = options;
    if (stdoutTo) child.stdout?.pipe(stdoutTo);
    else {
      child.stdout?.on('data', (chunk: Buffer) => {
        stdoutBytes += chunk.length;
        if (stdoutBytes > (options.maxStdoutBytes ?? DEFAULT_STDOUT_LIMIT)) end('output-limit');
        else if (!ended) stdout += decoder.write(chunk);
      });
    }
    const written = stdoutTo ? new Promise<void>((done) => (stdoutTo.once('finish', done), stdoutTo.once('error', done), stdoutTo.once('close', done))) : Promise.resolve();
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onStderr?.(text);
      stderr = (stderr + text).slice(-STDERR_TAIL);
    });
    const finish = (): void => cleanups.splice(0).forEach((c) => c());
    child.once('error', (e: NodeJS.ErrnoException) => {
      finish();
      reject(new SpawnError(e.code, e.message));
    });
    child.once('close', (code, signal) => {
      finish();
      // Ended early: sweep what is left of its group (a grandchild that ignored SIGTERM).
      if (ended && child.pid !== undefined) tryKill(host, child.pid, 'SIGKILL');
      const result = { code, signal, stdout: stdout + decoder.end(), stderr, ended };
      void written.then(() => resolve(result));
    });
  });
}

function tryKill(host: ProcessHost, pid: number, signal: 'SIGTERM' | 'SIGKILL'): void {
  try {
    host.killTree(pid, signal);
  } catch {
    // Already gone.
  }
}

import { spawn } from 'child_process';
import * as fs from 'fs';
import type { ProcessHost } from '../scan/processes';

/**
 * The real operating system behind `ProcessHost`, for the CLI and the language server: Node's
 * `spawn` (argument arrays, `shell: false`), process-group kills on POSIX and `taskkill /T` on
 * Windows, and the wall clock. Tests use it too, with real child processes.
 */
export function nodeProcessHost(env: NodeJS.ProcessEnv = process.env): ProcessHost {
  return {
    spawn: (file, args, options) => spawn(file, [...args], options),
    killTree: (pid, signal) => {
      if (process.platform === 'win32') {
        spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true, shell: false }).once('error', () => undefined);
        return;
      }
      // The child leads its own process group (spawned detached): a negative pid signals the group.
      process.kill(-pid, signal);
    },
    isExecutable: (file) => {
      try {
        if (!fs.statSync(file).isFile()) return false;
        fs.accessSync(file, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    runWithInput: runCredentialHelper,
    env,
    platform: process.platform,
    clock: {
      now: () => Date.now(),
      after: (ms, callback) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      },
    },
  };
}

const HELPER_TIMEOUT_MS = 30_000;

/** An argument array (never a shell), the request on stdin, the answer on stdout, stderr dropped. */
function runCredentialHelper(file: string, args: readonly string[], stdin: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { stdio: ['pipe', 'pipe', 'ignore'], shell: false, windowsHide: true, timeout: HELPER_TIMEOUT_MS });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout }));
    child.stdin.on('error', () => undefined).end(stdin);
  });
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

const SCRIPT = path.join(REPO_ROOT, 'test', 'support', 'fakeScanner', 'scanner.js');

export type FakeSpec =
  | { mode: 'replay'; reports: Record<string, string>; stderr?: string }
  | { mode: 'fail'; code: number; stderr: string }
  | { mode: 'garbage'; stdout?: string }
  | { mode: 'hang'; child?: boolean; ignoreTerm?: boolean };

/**
 * A folder of stand-in scanners (`trivy`, `grype`, `docker`, …): small Node executables that
 * replay recorded reports, fail, print garbage or hang, as `FAKE_SCANNER` in their environment
 * says. `env(specs)` gives that environment with PATH holding only this folder; each program
 * logs its argument array and pid to `logOf(name)`.
 */
export class FakeScanners {
  readonly dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-fake-scanners-')));
  readonly bin = path.join(this.dir, 'bin');

  constructor(names: readonly string[]) {
    fs.mkdirSync(this.bin);
    for (const name of names) this.install(name, path.join(this.bin, name));
  }

  /** Writes the executable `file` that runs the fake as `name` (also outside `bin`, for path settings). */
  install(name: string, file: string): string {
    fs.writeFileSync(file, `#!${process.execPath}\nprocess.env.FAKE_SCANNER_NAME = ${JSON.stringify(name)};\nrequire(${JSON.stringify(SCRIPT)});\n`, { mode: 0o755 });
    return file;
  }

  logOf(name: string): string {
    return path.join(this.dir, `${name}.log`);
  }

  /** What each run of `name` logged, in order: `{argv, pid}` and, for a hanging one, `{grandchild}`. */
  runs(name: string): { argv?: string[]; pid?: number; grandchild?: number }[] {
    const file = this.logOf(name);
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { argv?: string[]; pid?: number; grandchild?: number });
  }

  env(specs: Record<string, FakeSpec>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const withLogs = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { ...spec, log: this.logOf(name) }]));
    return { PATH: this.bin, HOME: this.dir, FAKE_SCANNER: JSON.stringify(withLogs), ...extra };
  }

  /** Forgets the logs, so the next test counts its own runs. */
  resetLogs(): void {
    for (const f of fs.readdirSync(this.dir)) if (f.endsWith('.log')) fs.rmSync(path.join(this.dir, f));
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether a process is still running (a zombie waiting to be reaped counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

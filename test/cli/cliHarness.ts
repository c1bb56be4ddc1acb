import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { containersYaml, objectHead } from '../support/k8sManifests';
import { DIST } from '../support/paths';

export const CLI = path.join(DIST, 'cli.js');
const NOBODY = 65534;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the bundled CLI as a child process (argument array, no shell) and resolves with its exit
 * code and output, whatever the code. Colour is off unless the test sets FORCE_COLOR itself.
 */
export function runCli(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; unprivileged?: boolean; cli?: string }): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  if (options.env?.FORCE_COLOR === undefined) delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    // Root reads and writes whatever the modes say; permission tests run the CLI as `nobody` then.
    const user = options.unprivileged && process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
    execFile(process.execPath, [options.cli ?? CLI, ...args], { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024, ...user }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** A temporary folder holding `files` (path → text, or bytes as a number array); `dispose` removes it. */
export interface TempProject {
  dir: string;
  path(relative: string): string;
  read(relative: string): string;
  dispose(): void;
}

export function tempProject(files: Record<string, string | number[]>): TempProject {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-cli-')));
  fs.chmodSync(dir, 0o755); // readable by an unprivileged child (see runCli)
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : Uint8Array.from(content));
  }
  return {
    dir,
    path: (relative) => path.join(dir, relative),
    read: (relative) => fs.readFileSync(path.join(dir, relative), 'utf8'),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The shape of `check --format json`. */
export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  refs: Record<string, unknown[]>;
  fix?: { title: string; edits: { range: JsonFinding['range']; newText: string }[] };
}

export function parseJsonReport(stdout: string): { version: number; findings: JsonFinding[] } {
  return JSON.parse(stdout) as { version: number; findings: JsonFinding[] };
}

/** The rule catalogue as the CLI prints it, to assert on rules other engineers add. */
export interface CatalogueRule {
  id: string;
  severity: string;
  appliesTo: string;
  category: string;
  fixable: boolean;
  title: string;
  refs: Record<string, unknown[]>;
}

export async function catalogue(cwd: string): Promise<CatalogueRule[]> {
  const run = await runCli(['rules', '--format', 'json'], { cwd });
  return (JSON.parse(run.stdout) as { rules: CatalogueRule[] }).rules;
}

/** A pod with one privileged container: `privileged: true` is on line 9 (0-based), column 8. */
export const PRIVILEGED_POD = `${objectHead('v1', 'Pod', 'web')}spec:\n${containersYaml(2, [{ name: 'web', securityContext: ['privileged: true'] }])}`;

export const REF_KEYS = ['pss', 'hadolint', 'buildkit', 'cis', 'trivy', 'polaris', 'kubeScore', 'kubeLinter', 'checkov'];

/**
 * `.seaworthy.yaml` text that turns off every rule but those in `keep` (with the severity given,
 * or their default), so that exact assertions survive the rules other engineers add. The engine
 * checks (`invalid-file`, `invalid-config`) stay on.
 */
export async function onlyRulesConfig(keep: Record<string, string | null>): Promise<string> {
  const rules = await catalogue(process.cwd());
  const lines = rules
    .filter((r) => r.appliesTo !== 'any')
    .map((r) => (r.id in keep ? (keep[r.id] ? `  ${r.id}: ${keep[r.id]}` : null) : `  ${r.id}: off`))
    .filter((l): l is string => l !== null);
  return `rules:\n${lines.join('\n')}\n`;
}

// The packaged CLI (dist/cli.js from the same VSIX as the extension) as the tests' oracle: the
// editor must show exactly the engine's findings and apply exactly its fixes. Shared by the
// extension-host suite and the UI tests; no `vscode` import here.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface CliPosition {
  line: number;
  character: number;
}
export interface CliRange {
  start: CliPosition;
  end: CliPosition;
}
export interface CliEdit {
  range: CliRange;
  newText: string;
}
export interface CliFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: CliRange;
  fix?: { title: string; edits: CliEdit[] };
}

export class SeaworthyCli {
  /** @param cliPath `dist/cli.js` inside the installed extension */
  constructor(private readonly cliPath: string) {}

  private run(args: string[]): { status: number | null; stdout: string; stderr: string } {
    // In VS Code desktop the extension host is Electron; ELECTRON_RUN_AS_NODE makes it a plain Node.
    const result = spawnSync(process.execPath, [this.cliPath, ...args], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** `seaworthy check FILE --format json`. */
  findings(file: string): CliFinding[] {
    const result = this.run(['check', file, '--format', 'json']);
    if (result.status !== 0 && result.status !== 1) throw new Error(`seaworthy check exited ${result.status}: ${result.stderr}`);
    return (JSON.parse(result.stdout) as { findings: CliFinding[] }).findings;
  }

  /** The findings for `text` saved as a file called `name`. */
  findingsForText(name: string, text: string): CliFinding[] {
    return this.withCopy(name, text, (file) => this.findings(file));
  }

  /** The text `seaworthy check --fix` makes of `text` saved as a file called `name`. */
  fixedText(name: string, text: string): string {
    return this.withCopy(name, text, (file) => {
      const result = this.run(['check', file, '--fix', '--format', 'json']);
      if (result.status !== 0 && result.status !== 1) throw new Error(`seaworthy check --fix exited ${result.status}: ${result.stderr}`);
      return fs.readFileSync(file, 'utf8');
    });
  }

  private withCopy<T>(name: string, text: string, use: (file: string) => T): T {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-e2e-'));
    try {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return use(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

export function describeFinding(f: CliFinding): string {
  const r = f.range;
  return `${f.ruleId}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${f.severity} ${f.message}`;
}

/** Applies LSP-style edits (0-based line/character, UTF-16) to a text, as an editor does. */
export function applyEdits(text: string, edits: CliEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: CliPosition): number => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

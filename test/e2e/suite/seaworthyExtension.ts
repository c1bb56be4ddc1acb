// What the extension-host tests share: the installed extension, the fixture workspace, waiting for
// Seaworthy's diagnostics (on onDidChangeDiagnostics, never a sleep), and the packaged CLI from the
// same VSIX, whose JSON output is the engine's answer the editor must agree with.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'seaworthy.seaworthy';
/** How long a wait for the language server may take before the test fails (a deadline, not a sleep). */
export const DIAGNOSTICS_DEADLINE_MS = 30_000;

export function seaworthyExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this window`);
  return extension;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the fixture workspace (test/e2e/workspace) open');
  return folder.uri.fsPath;
}

let copies = 0;

/**
 * Opens a fixture from the workspace. With `fresh`, opens a new copy (same file name, its own
 * folder) so a test that edits the document leaves the others' fixtures untouched.
 */
export async function openFixture(name: string, options: { fresh?: boolean } = {}): Promise<vscode.TextEditor> {
  let file = path.join(workspaceRoot(), name);
  if (options.fresh) {
    const dir = path.join(workspaceRoot(), 'scratch', String(++copies));
    fs.mkdirSync(dir, { recursive: true });
    const copy = path.join(dir, path.basename(name));
    fs.copyFileSync(file, copy);
    file = copy;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(document);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

export function seaworthyDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'seaworthy');
}

/** Resolves with Seaworthy's diagnostics for `uri` as soon as `accept` holds for them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      subscription.dispose();
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve(seaworthyDiagnostics(uri));
    };
    const check = (): void => {
      if (accept(seaworthyDiagnostics(uri))) finish();
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const deadline = setTimeout(() => {
      const seen = seaworthyDiagnostics(uri).map(describeDiagnostic);
      finish(new Error(`timed out waiting for ${what} on ${uri.fsPath}; Seaworthy diagnostics now: ${JSON.stringify(seen)}`));
    }, DIAGNOSTICS_DEADLINE_MS);
    check();
  });
}

export function codesOf(diagnostics: vscode.Diagnostic[]): string[] {
  return [...new Set(diagnostics.map(codeOf))].sort();
}

const SEVERITY_NAMES: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function severityName(severity: vscode.DiagnosticSeverity): string {
  return SEVERITY_NAMES[severity];
}

/** `code@line:char-line:char severity message`, the form diagnostics and CLI findings are compared in. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${codeOf(d)}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${severityName(d.severity)} ${d.message}`;
}

// ---- the packaged CLI -------------------------------------------------------------------------

export interface CliPosition {
  line: number;
  character: number;
}
export interface CliEdit {
  range: { start: CliPosition; end: CliPosition };
  newText: string;
}
export interface CliFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: { start: CliPosition; end: CliPosition };
  fix?: { title: string; edits: CliEdit[] };
}

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const cli = path.join(seaworthyExtension().extensionPath, 'dist', 'cli.js');
  // In VS Code desktop the extension host runs inside Electron; this makes it a plain Node.
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The engine's findings for a file on disk, from `seaworthy check --format json`. */
export function cliFindings(file: string): CliFinding[] {
  const result = runCli(['check', file, '--format', 'json']);
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`seaworthy check exited ${result.status}: ${result.stderr}`);
  }
  return (JSON.parse(result.stdout) as { findings: CliFinding[] }).findings;
}

export function describeFinding(f: CliFinding): string {
  const r = f.range;
  return `${f.ruleId}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${f.severity} ${f.message}`;
}

/** The text `seaworthy check --fix` gives for a file (run on a copy with the same name). */
export function textFixedByCli(file: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-e2e-fix-'));
  try {
    const copy = path.join(dir, path.basename(file));
    fs.copyFileSync(file, copy);
    const result = runCli(['check', copy, '--fix', '--format', 'json']);
    if (result.status === 2) throw new Error(`seaworthy check --fix exited 2: ${result.stderr}`);
    return fs.readFileSync(copy, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Applies LSP-style edits (0-based line/character) to a text, as a client would. */
export function applyEdits(text: string, edits: CliEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: CliPosition): number => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  }
  return result;
}

export function toVscodeRange(range: CliEdit['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** Sets a `seaworthy.*` user setting (undefined removes it) and resolves once VS Code has it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('seaworthy').update(key, value, vscode.ConfigurationTarget.Global);
}

// What the extension-host tests share: the installed extension, the fixture workspace, waiting for
// Seaworthy's diagnostics (on onDidChangeDiagnostics, never a sleep), and the packaged CLI from the
// same VSIX, whose JSON output is the engine's answer the editor must agree with.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SeaworthyCli, type CliFinding } from '../seaworthyCli';

import { describeFinding } from '../seaworthyCli';

export { applyEdits, describeFinding, type CliFinding } from '../seaworthyCli';

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

/** The CLI from the same VSIX as the running extension. */
export function seaworthyCli(): SeaworthyCli {
  return new SeaworthyCli(path.join(seaworthyExtension().extensionPath, 'dist', 'cli.js'));
}

/** The engine's findings for a document's current text. */
export function cliFindings(document: vscode.TextDocument): CliFinding[] {
  return seaworthyCli().findingsForText(path.basename(document.uri.fsPath), document.getText());
}

/** The text `seaworthy check --fix` makes of a document's current text. */
export function textFixedByCli(document: vscode.TextDocument): string {
  return seaworthyCli().fixedText(path.basename(document.uri.fsPath), document.getText());
}

/** Sets a `seaworthy.*` user setting (undefined removes it) and resolves once VS Code has it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('seaworthy').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Waits until the editor's Seaworthy diagnostics are exactly the engine's findings for the file. */
export async function expectEditorToAgreeWithCli(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  const expected = cliFindings(document).map(describeFinding).sort();
  if (expected.length === 0) throw new Error(`the CLI finds nothing in ${document.uri.fsPath}`);
  const same = (d: vscode.Diagnostic[]): boolean => JSON.stringify(d.map(describeDiagnostic).sort()) === JSON.stringify(expected);
  return waitForDiagnostics(document.uri, same, `the CLI's findings ${JSON.stringify(expected)}`);
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Severity } from '../../server/src/engine';
import { REPO_ROOT } from './paths';

/** A fresh folder for one test file's documents (no `.seaworthy.yaml` above it). */
export function tempWorkspace(prefix: string): { dir: string; uri: (name: string) => string; write: (name: string, text: string) => string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `seaworthy-${prefix}-`)));
  return {
    dir,
    uri: (name) => pathToFileURL(path.join(dir, name)).toString(),
    write: (name, text) => {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    },
  };
}

/** Where `codeDescription.href` must point: the generated page next to `dist/`. */
export function docsHref(ruleId: string): string {
  return pathToFileURL(path.join(REPO_ROOT, 'docs', 'rules', `${ruleId}.md`)).toString();
}

export const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

/**
 * The diagnostics of one rule. Tests about the server's behaviour pick one rule's findings, so
 * that rules added later (which may also fire on a test's document) do not change the outcome.
 */
export function ofRule(diagnostics: readonly Diagnostic[], ruleId: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === ruleId);
}

export const PRIVILEGED = 'privileged-container';

/** A Pod with one container per entry, `privileged` set as given. */
export function podYaml(privileged: boolean[], name = 'web'): string {
  const containers = privileged
    .map((p, i) => `    - name: c${i}\n      image: nginx:1.27\n      securityContext:\n        privileged: ${p}\n`)
    .join('');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n${containers}`;
}

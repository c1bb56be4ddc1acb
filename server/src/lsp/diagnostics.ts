import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './protocol';
import { ruleDocsUri } from './ruleDocs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, ...(finding.fix ? { fix: finding.fix } : {}) };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUri(finding.ruleId) },
    message: finding.message,
    data,
  };
}

/**
 * Runs one check per document after a quiet period. A new edit restarts the document's timer,
 * so a burst of keystrokes is checked once, at its end; with a delay of 0 every change is
 * checked on the next turn of the event loop.
 */
export class DebouncedChecks {
  private readonly pending = new Map<string, { cancel(): void }>();

  constructor(
    private readonly delayMs: number,
    private readonly run: (uri: string) => void,
  ) {}

  schedule(uri: string): void {
    this.cancel(uri);
    const fire = (): void => {
      this.pending.delete(uri);
      this.run(uri);
    };
    if (this.delayMs <= 0) {
      const handle = setImmediate(fire);
      this.pending.set(uri, { cancel: () => clearImmediate(handle) });
    } else {
      const handle = setTimeout(fire, this.delayMs);
      this.pending.set(uri, { cancel: () => clearTimeout(handle) });
    }
  }

  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  cancel(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
  }
}

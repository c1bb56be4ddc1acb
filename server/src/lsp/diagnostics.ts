import { DiagnosticSeverity, type Diagnostic } from './languageServer';
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

/** A document whose checks take at most this long is checked after every change, without waiting. */
export const FAST_CHECK_MS = 10;
/** The longest the wait after an edit gets, however costly the document. */
export const MAX_ADAPTIVE_DEBOUNCE_MS = 1000;

/**
 * The wait after an edit when no debounce is configured, from what the document's checks cost
 * (unknown: never checked yet, as on open). A cheap document is checked at once: waiting would
 * only add to what the user sees. A costly one waits about one check's time, so a burst typed
 * faster than the server can check is checked once, at its end, instead of queueing stale checks.
 */
export function adaptiveDebounce(costMs: number | undefined): number {
  if (costMs === undefined || !(costMs > FAST_CHECK_MS)) return 0;
  return Math.min(Math.ceil(costMs), MAX_ADAPTIVE_DEBOUNCE_MS);
}

/**
 * Runs one check per document after a quiet period, as long as `delayOf` says for it. A new
 * edit restarts the document's timer, so a burst of keystrokes is checked once, at its end; with
 * a delay of 0 every change is checked on the next turn of the event loop.
 */
export class DebouncedChecks {
  private readonly pending = new Map<string, { cancel(): void }>();
  /** The wait each document's last check was scheduled with (read by the dev-only stats request). */
  private readonly delays = new Map<string, number>();

  constructor(
    private readonly delayOf: (uri: string) => number,
    private readonly run: (uri: string) => void,
  ) {}

  schedule(uri: string): void {
    this.cancel(uri);
    const delay = this.delayOf(uri);
    this.delays.set(uri, delay);
    const fire = (): void => {
      this.pending.delete(uri);
      this.run(uri);
    };
    if (delay <= 0) {
      const handle = setImmediate(fire);
      this.pending.set(uri, { cancel: () => clearImmediate(handle) });
    } else {
      const handle = setTimeout(fire, delay);
      this.pending.set(uri, { cancel: () => clearTimeout(handle) });
    }
  }

  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  lastDelay(uri: string): number | undefined {
    return this.delays.get(uri);
  }

  cancel(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
  }

  /** The document closed: nothing of it is kept. */
  forget(uri: string): void {
    this.cancel(uri);
    this.delays.delete(uri);
  }
}

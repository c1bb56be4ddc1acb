import type { ConfiguredManifest, Finding } from '../engine';
import { engine } from './engine';

/**
 * The workspace-wide `namespace-without-network-policy` check for "Check Workspace": a namespace
 * with workloads but no NetworkPolicy that selects them, computed across the manifests the
 * workspace check linted (from the facts each lint read: nothing is parsed again). Findings land
 * in closed files only: an open document is published by the session as typed, where a single
 * file cannot say whether a policy exists elsewhere.
 *
 * It runs after the workspace check and again (settled) after files change on disk, never on a
 * keystroke.
 */
export class NetworkPolicyCheck {
  /** By file path: the findings last published with the file's own. */
  private findings = new Map<string, Finding[]>();

  /** The findings that go with a file's own diagnostics. */
  findingsFor(filePath: string): readonly Finding[] {
    return this.findings.get(filePath) ?? [];
  }

  /** Recomputes over the checked manifests; returns the files whose findings changed, so that they are published again. */
  refresh(manifests: readonly ConfiguredManifest[]): string[] {
    const next = engine().networkPolicyFindings(manifests);
    const changed = [...new Set([...this.findings.keys(), ...next.keys()])].filter((f) => key(this.findings.get(f)) !== key(next.get(f)));
    this.findings = next;
    return changed;
  }
}

function key(findings: readonly Finding[] | undefined): string {
  return JSON.stringify((findings ?? []).map((f) => [f.message, f.severity, f.range]));
}

import type { ConfiguredManifest, Finding, NetworkFacts } from '../engine';
import { engine } from './engine';

/**
 * The workspace-wide `namespace-without-network-policy` check for "Check Workspace": a namespace
 * with workloads but no NetworkPolicy that selects them, computed across the manifests the
 * workspace check linted (from the facts each lint read: nothing is parsed again).
 *
 * Once the workspace has been checked, an open manifest takes part as typed: its facts (from the
 * lint the session publishes) stand in for its saved text, and the findings that land in it are
 * published with its own. Before that, an open document shows none: a single file cannot say
 * whether a policy exists elsewhere. The check re-runs when a closed file changes on disk
 * (settled), and on an open document's lint only when its facts changed (a workload's namespace,
 * name, labels or place, a policy's selector), never on other keystrokes.
 */
export class NetworkPolicyCheck {
  /** By file path: the findings last published with the file's own. */
  private findings = new Map<string, Finding[]>();
  /** By file path: open documents' manifests as last linted (null: not a checked manifest now), with their key. */
  private readonly open = new Map<string, { manifest: ConfiguredManifest | null; key: string }>();
  /** The closed files' manifests of the last refresh, kept for recomputing when an open one changes. */
  private closed: readonly ConfiguredManifest[] = [];

  /** The findings that go with a file's own diagnostics. */
  findingsFor(filePath: string): readonly Finding[] {
    return this.findings.get(filePath) ?? [];
  }

  /** Recomputes over the checked manifests; returns the files whose findings changed, so that they are published again. */
  refresh(closed: readonly ConfiguredManifest[]): string[] {
    this.closed = closed;
    return this.recompute();
  }

  /**
   * An open document was linted (`manifest` null: it is not a checked manifest now). Returns the
   * files whose findings changed, or none when its facts are as they were.
   */
  openLinted(filePath: string, manifest: ConfiguredManifest | null): string[] {
    const key = manifest ? keyOf(manifest.network) : '';
    const before = this.open.get(filePath);
    if (before && before.key === key && before.manifest?.config === manifest?.config) return [];
    this.open.set(filePath, { manifest, key });
    return this.recompute();
  }

  /** An open document was closed: its saved text's facts count again (from the next refresh). */
  openClosed(filePath: string): void {
    this.open.delete(filePath);
  }

  /** The closed files in their order, an open document in its file's place (or after them). */
  private recompute(): string[] {
    const manifests: ConfiguredManifest[] = [];
    for (const m of this.closed) {
      const open = this.open.get(m.fileName);
      if (!open) manifests.push(m);
      else if (open.manifest) manifests.push(open.manifest);
    }
    const seen = new Set(this.closed.map((m) => m.fileName));
    for (const [filePath, { manifest }] of this.open) if (manifest && !seen.has(filePath)) manifests.push(manifest);
    const next = engine().networkPolicyFindings(manifests);
    const changed = [...new Set([...this.findings.keys(), ...next.keys()])].filter((f) => key(this.findings.get(f)) !== key(next.get(f)));
    this.findings = next;
    return changed;
  }
}

function key(findings: readonly Finding[] | undefined): string {
  return JSON.stringify((findings ?? []).map((f) => [f.message, f.severity, f.range]));
}

/** Everything the check reads of a manifest's facts (labels are maps). */
function keyOf(network: NetworkFacts): string {
  return JSON.stringify(network, (_, value: unknown) => (value instanceof Map ? [...value] : value));
}

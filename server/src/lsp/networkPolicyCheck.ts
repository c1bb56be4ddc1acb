import * as fs from 'fs';
import type { ConfiguredManifest, Finding, SeaworthyConfig } from '../engine';
import { engine } from './engine';

/**
 * The workspace-wide `namespace-without-network-policy` check for "Check Workspace": a namespace
 * with workloads but no NetworkPolicy that selects them, computed across every manifest of the
 * workspace as saved on disk (open documents count by their saved text). Findings land in closed
 * files only: an open document is published by the session as typed, where a single file cannot
 * say whether a policy exists elsewhere.
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

  /**
   * Recomputes over `files` (the workspace's YAML files), each judged under `configOf` (the
   * configuration the workspace check linted it with; the defaults for files it did not lint).
   * Returns the files whose findings changed, so that they are published again.
   */
  async refresh(files: readonly string[], configOf: (filePath: string) => SeaworthyConfig | undefined): Promise<string[]> {
    const manifests: ConfiguredManifest[] = [];
    for (const filePath of files) {
      if (engine().kindByName(filePath) !== 'yaml') continue;
      try {
        const stat = await fs.promises.stat(filePath);
        if (stat.size > engine().MAX_FILE_CHARS) continue;
        manifests.push({ fileName: filePath, text: await fs.promises.readFile(filePath, 'utf8'), config: configOf(filePath) ?? engine().defaultConfig() });
      } catch {
        continue; // gone or unreadable: the file's own check says so
      }
    }
    const next = engine().networkPolicyFindings(manifests);
    const changed = [...new Set([...this.findings.keys(), ...next.keys()])].filter((f) => key(this.findings.get(f)) !== key(next.get(f)));
    this.findings = next;
    return changed;
  }
}

function key(findings: readonly Finding[] | undefined): string {
  return JSON.stringify((findings ?? []).map((f) => [f.message, f.severity, f.range]));
}

import * as fs from 'fs';
import { MAX_FILE_CHARS, kindByName, networkPolicyFindings, type ConfiguredManifest, type Finding, type SeaworthyConfig } from '../engine';
import type { Target } from './fileDiscovery';

/**
 * The workspace-wide `namespace-without-network-policy` check over the manifests `check` was
 * given (after `--fix` wrote them, so ranges match the files), by the target they land in.
 * Unreadable or oversized files are left out here; checking them reported why.
 */
export function networkPolicyFindingsOf(checked: readonly { target: Target; config: SeaworthyConfig }[]): Map<Target, Finding[]> {
  const manifests: ConfiguredManifest[] = [];
  const targets = new Map<string, Target>();
  for (const { target, config } of checked) {
    if (kindByName(target.abs) !== 'yaml') continue;
    try {
      if (fs.statSync(target.abs).size > MAX_FILE_CHARS) continue;
      manifests.push({ fileName: target.abs, text: fs.readFileSync(target.abs, 'utf8'), config });
      targets.set(target.abs, target);
    } catch {
      continue;
    }
  }
  const out = new Map<Target, Finding[]>();
  for (const [fileName, findings] of networkPolicyFindings(manifests)) out.set(targets.get(fileName)!, findings);
  return out;
}

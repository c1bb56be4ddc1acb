import { networkPolicyFindings, type ConfiguredManifest, type Finding } from '../engine';
import type { Target } from './fileDiscovery';

/**
 * The workspace-wide `namespace-without-network-policy` check over the manifests `check` linted,
 * from the facts each lint read (after `--fix` wrote them, so ranges match the files), by the
 * target they land in. Nothing is read or parsed again.
 */
export function networkPolicyFindingsOf(linted: readonly (ConfiguredManifest & { target: Target })[]): Map<Target, Finding[]> {
  const targets = new Map(linted.map((m) => [m.fileName, m.target]));
  const out = new Map<Target, Finding[]>();
  for (const [fileName, findings] of networkPolicyFindings(linted)) out.set(targets.get(fileName)!, findings);
  return out;
}

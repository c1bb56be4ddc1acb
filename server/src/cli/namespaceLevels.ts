import * as fs from 'fs';
import { MAX_FILE_CHARS, namespaceLevelsIn, type NamespaceLevels, type NamespacePodSecurity } from '../engine';
import type { Target } from './fileDiscovery';

/**
 * The Pod Security labels of every Namespace among the YAML files being checked, so that a
 * Deployment is judged at the level its namespace enforces even when the Namespace is in another
 * file. Unreadable or oversized files are skipped here; checking them reports the reason.
 */
export function namespaceLevelsOf(targets: readonly Target[]): NamespaceLevels {
  const levels = new Map<string, NamespacePodSecurity>();
  for (const target of targets) {
    if (!/\.ya?ml$/i.test(target.abs)) continue;
    try {
      if (fs.statSync(target.abs).size > MAX_FILE_CHARS) continue;
      for (const [name, level] of namespaceLevelsIn(fs.readFileSync(target.abs, 'utf8'))) levels.set(name, level);
    } catch {
      continue;
    }
  }
  return levels;
}

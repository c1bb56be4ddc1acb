import * as fs from 'fs';
import { MAX_FILE_CHARS, namespaceLevelsIn, roleGrantsIn, type NamespaceLevels, type NamespacePodSecurity, type RoleGrant, type RoleGrants } from '../engine';
import type { Target } from './fileDiscovery';

/**
 * The Pod Security labels of every Namespace among the YAML files being checked, so that a
 * Deployment is judged at the level its namespace enforces even when the Namespace is in another
 * file, and every Role and ClusterRole, so that a binding is judged by the role it names.
 * Unreadable or oversized files are skipped here; checking them reports the reason.
 */
export function crossFileFactsOf(targets: readonly Target[]): { namespaces: NamespaceLevels; roles: RoleGrants } {
  const namespaces = new Map<string, NamespacePodSecurity>();
  const roles = new Map<string, RoleGrant>();
  for (const target of targets) {
    if (!/\.ya?ml$/i.test(target.abs)) continue;
    try {
      if (fs.statSync(target.abs).size > MAX_FILE_CHARS) continue;
      const text = fs.readFileSync(target.abs, 'utf8');
      for (const [name, level] of namespaceLevelsIn(text)) namespaces.set(name, level);
      // And the Roles and ClusterRoles, so a binding in one file is judged by the role in another.
      for (const [key, grant] of roleGrantsIn(text)) roles.set(key, grant);
    } catch {
      continue;
    }
  }
  return { namespaces, roles };
}

import * as fs from 'fs';
import { crossFileFactsOf, joinFacts, LintCache, MAX_FILE_CHARS, type CrossFileFacts } from '../engine';
import type { Target } from './fileDiscovery';
import { decodeSource } from './fixWriter';

/**
 * The Pod Security labels of every Namespace among the YAML files being checked, so that a
 * Deployment is judged at the level its namespace enforces even when the Namespace is in another
 * file, and every Role and ClusterRole, so that a binding is judged by the role it names.
 *
 * A lint needs these from every file before it runs, so they are read first; only the documents
 * that can hold one (a Namespace with an enforce label, a Role) are parsed, into the cache the
 * file's lint is then given, which takes those parses: no document is parsed twice. Unreadable or
 * oversized files are skipped here; checking them reports the reason.
 */
export function crossFileFactsOfTargets(targets: readonly Target[]): { facts: CrossFileFacts; caches: Map<Target, LintCache> } {
  const caches = new Map<Target, LintCache>();
  const found: CrossFileFacts[] = [];
  for (const target of targets) {
    if (!/\.ya?ml$/i.test(target.abs)) continue;
    try {
      if (fs.statSync(target.abs).size > MAX_FILE_CHARS) continue;
      const cache = new LintCache();
      found.push(crossFileFactsOf(decodeSource(fs.readFileSync(target.abs)).text, cache));
      caches.set(target, cache);
    } catch {
      continue;
    }
  }
  return { facts: joinFacts(found), caches };
}

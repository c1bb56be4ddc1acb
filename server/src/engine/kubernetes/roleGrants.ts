import type { Document } from 'yaml';
import { findKubernetesObjects, scalarString, type KubernetesObject } from './objects';
import { coversGroup, ESCALATIONS, grantedVerbs, READ_VERBS, resourceEntries, rulesOf, SHELL_RESOURCES, type PolicyRuleSite } from './rbac';

/**
 * What each Role and ClusterRole a binding may name lets its subjects do that matters: read
 * Secrets, exec into pods, create Pods, escalate, or anything at all. Gathered from the file
 * itself and from the other manifests the front end can see (the CLI's files), so that a
 * RoleBinding is judged by the role it binds, wherever that role is written. The built-in
 * user-facing ClusterRoles are known without a manifest.
 */
export interface RoleGrant {
  /** `ClusterRole "edit"`. */
  label: string;
  /** What it lets its subjects do, in words, most powerful first; empty when nothing listed here. */
  powers: string[];
}

export type RoleGrants = ReadonlyMap<string, RoleGrant>;

/** `ClusterRole/edit`, or `Role/<namespace>/<name>` (a Role is found in its binding's namespace). */
export function roleKey(kind: string, namespace: string | null, name: string): string {
  return kind === 'ClusterRole' ? `ClusterRole/${name}` : `Role/${namespace ?? ''}/${name}`;
}

const ANYTHING = 'do anything';
const READ_SECRETS = 'read Secrets';
const EXEC = 'exec into pods';
const NODE_PROXY = 'reach every kubelet through nodes/proxy';
const ESCALATE = 'grant or borrow more rights (escalate, bind or impersonate)';
const CREATE_PODS = 'create Pods (and so run as any service account of the namespace)';

/**
 * The default user-facing ClusterRoles (kubernetes.io/docs/reference/access-authn-authz/rbac,
 * "User-facing roles"): `admin` and `edit` read Secrets, exec into pods and create workloads;
 * `view` does none of it. `cluster-admin` is its own rule's finding (rbac-cluster-admin-binding).
 */
const BUILT_IN: RoleGrants = new Map([
  ['ClusterRole/admin', { label: 'ClusterRole "admin" (built in)', powers: [READ_SECRETS, EXEC, CREATE_PODS] }],
  ['ClusterRole/edit', { label: 'ClusterRole "edit" (built in)', powers: [READ_SECRETS, EXEC, CREATE_PODS] }],
  ['ClusterRole/view', { label: 'ClusterRole "view" (built in)', powers: [] }],
]);

/** What one rule grants that is listed here. */
function powersOfRule(rule: PolicyRuleSite): string[] {
  const verbs = (list: readonly string[]): string[] => grantedVerbs(rule, list);
  const wild = (list: PolicyRuleSite['verbs']): boolean => list.some((w) => w.value === '*');
  if (wild(rule.verbs) && wild(rule.resources) && wild(rule.apiGroups)) return [ANYTHING];
  const powers: string[] = [];
  const core = coversGroup(rule, '');
  if (core && rule.resourceNames.length === 0 && resourceEntries(rule, 'secrets').length > 0 && verbs(READ_VERBS).length > 0) powers.push(READ_SECRETS);
  for (const { resource, verbs: shellVerbs } of SHELL_RESOURCES) {
    if (!core || resourceEntries(rule, resource).length === 0 || verbs(shellVerbs).length === 0) continue;
    powers.push(resource === 'nodes/proxy' ? NODE_PROXY : EXEC);
  }
  if (ESCALATIONS.some((e) => coversGroup(rule, e.group) && verbs([e.verb]).length > 0 && e.resources.some((r) => resourceEntries(rule, r).length > 0))) powers.push(ESCALATE);
  if (core && resourceEntries(rule, 'pods').length > 0 && verbs(['create']).length > 0) powers.push(CREATE_PODS);
  return powers;
}

const ORDER = [ANYTHING, ESCALATE, READ_SECRETS, NODE_PROXY, EXEC, CREATE_PODS];

/** What a Role or ClusterRole object grants that is listed here, most powerful first. */
export function powersOf(object: KubernetesObject): string[] {
  const found = new Set<string>();
  for (const rule of rulesOf(object)) for (const power of powersOfRule(rule)) found.add(power);
  if (found.has(ANYTHING)) return [ANYTHING];
  return ORDER.filter((p) => found.has(p));
}

const ROLE_KIND = /^kind:\s*["']?(Cluster)?Role["']?\s*$/m;

/** Whether a document's text can hold a Role or ClusterRole (a test before parsing it). */
export function mayHoldRole(text: string): boolean {
  return ROLE_KIND.test(text);
}

/** The Roles and ClusterRoles of a parsed document, by `roleKey`. */
export function roleGrantsOf(doc: Document.Parsed): Map<string, RoleGrant> {
  const found = new Map<string, RoleGrant>();
  for (const object of findKubernetesObjects(doc)) {
    if (!object.name || (object.kind !== 'Role' && object.kind !== 'ClusterRole')) continue;
    const namespace = scalarString(object.metadata?.get('namespace', true));
    found.set(roleKey(object.kind, namespace, object.name), { label: `${object.kind} "${object.name}"`, powers: powersOf(object) });
  }
  return found;
}

/** The role a binding's `roleRef` names, from the manifests seen or the built-in ones; null when unknown. */
export function boundRole(grants: RoleGrants | undefined, kind: string, bindingNamespace: string | null, name: string): RoleGrant | null {
  const key = roleKey(kind, bindingNamespace, name);
  return grants?.get(key) ?? BUILT_IN.get(key) ?? null;
}

/** A stable text for cache keys. */
export function roleGrantsKey(grants: RoleGrants | undefined): string {
  if (!grants || grants.size === 0) return '';
  return [...grants].map(([key, g]) => `${key}=${g.powers.join('+')}`).sort().join(',');
}

/** Whether a file's text can bind a role (its own roles then matter to its lint). */
export function mayBindRole(text: string): boolean {
  return /^kind:\s*["']?(Cluster)?RoleBinding["']?\s*$/m.test(text);
}

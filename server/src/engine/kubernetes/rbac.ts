import type { Node as YamlNode, Scalar, YAMLMap } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import type { KubernetesContext } from '../rule';
import { mapAt, scalarString, type KubernetesObject } from './objects';

/**
 * RBAC as the authorizer reads it (kubernetes/pkg/apis/rbac/v1/evaluation_helpers.go): a
 * PolicyRule grants each of its verbs on each of its resources in each of its API groups, `*`
 * matching everything and `*\/sub` the subresource `sub` of every resource. The rules share this
 * vocabulary and never re-derive it. Aggregated ClusterRoles (`aggregationRule`) get their rules
 * from the controller, so only the rules written in the file are judged.
 */

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** One entry of a `rules:` list with its written lists; each item keeps its node for ranges. */
export interface PolicyRuleSite {
  object: KubernetesObject;
  node: YAMLMap;
  apiGroups: Written[];
  resources: Written[];
  verbs: Written[];
  resourceNames: Written[];
}

export interface Written {
  value: string;
  node: YamlNode;
}

/** Role and ClusterRole objects of the RBAC group. */
export function isRole(object: KubernetesObject): boolean {
  return (object.kind === 'Role' || object.kind === 'ClusterRole') && object.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

export function isBinding(object: KubernetesObject): boolean {
  return (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') && object.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

/** Every rule of every Role and ClusterRole in the document. */
export function* policyRules(context: KubernetesContext): Generator<PolicyRuleSite> {
  const { isMap, isSeq } = yamlLibrary();
  for (const object of context.objects) {
    if (!isRole(object)) continue;
    const rules = object.node.get('rules', true);
    if (!isSeq(rules)) continue;
    for (const node of rules.items) {
      if (!isMap(node)) continue;
      yield {
        object,
        node,
        apiGroups: writtenList(node, 'apiGroups'),
        resources: writtenList(node, 'resources'),
        verbs: writtenList(node, 'verbs'),
        resourceNames: writtenList(node, 'resourceNames'),
      };
    }
  }
}

function writtenList(map: YAMLMap, key: string): Written[] {
  const { isScalar, isSeq } = yamlLibrary();
  const seq = map.get(key, true);
  if (!isSeq(seq)) return [];
  const out: Written[] = [];
  for (const item of seq.items) {
    if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) out.push({ value: String((item as Scalar).value), node: item as YamlNode });
  }
  return out;
}

/** Whether the rule applies to API group `group` (`''` is the core group). */
export function coversGroup(rule: PolicyRuleSite, group: string): boolean {
  return rule.apiGroups.some((g) => g.value === '*' || g.value === group);
}

/** The written resource entries that name `resource` (`pods/exec`): itself, `*`, or `*\/exec`. */
export function resourceEntries(rule: PolicyRuleSite, resource: string, options: { wildcard: boolean } = { wildcard: true }): Written[] {
  const slash = resource.indexOf('/');
  const sub = slash === -1 ? null : resource.slice(slash);
  return rule.resources.filter((r) => r.value === resource || (options.wildcard && (r.value === '*' || (sub !== null && r.value === `*${sub}`))));
}

/** The written verbs among `verbs` (with `*`, which grants them all). */
export function grantedVerbs(rule: PolicyRuleSite, verbs: readonly string[]): string[] {
  if (rule.verbs.some((v) => v.value === '*')) return [...verbs];
  return verbs.filter((verb) => rule.verbs.some((v) => v.value === verb));
}

/** `ClusterRole "ops"` and the reach of what it grants, for messages. */
export function roleLabel(object: KubernetesObject): string {
  return `${object.kind} "${object.name ?? '?'}"`;
}

export function scopeOf(object: KubernetesObject): string {
  if (object.kind === 'ClusterRole') return 'cluster-wide when bound by a ClusterRoleBinding';
  const namespace = scalarString(mapAt(object.node, ['metadata'])?.get('namespace', true));
  return namespace ? `in namespace "${namespace}"` : 'in its namespace';
}

/** Subjects and roleRef of a binding. */
export interface BindingSite {
  object: KubernetesObject;
  roleRef: { kind: string | null; name: string | null; node: YAMLMap } | null;
  subjects: { kind: string | null; name: string | null; namespace: string | null; node: YAMLMap }[];
}

export function* bindings(context: KubernetesContext): Generator<BindingSite> {
  const { isMap, isSeq } = yamlLibrary();
  for (const object of context.objects) {
    if (!isBinding(object)) continue;
    const ref = mapAt(object.node, ['roleRef']);
    const subjects = object.node.get('subjects', true);
    yield {
      object,
      roleRef: ref ? { kind: scalarString(ref.get('kind', true)), name: scalarString(ref.get('name', true)), node: ref } : null,
      subjects: isSeq(subjects)
        ? subjects.items.filter(isMap).map((node) => ({
            kind: scalarString(node.get('kind', true)),
            name: scalarString(node.get('name', true)),
            namespace: scalarString(node.get('namespace', true)),
            node,
          }))
        : [],
    };
  }
}

/** `a`, `a and b`, `a, b and c`. */
export function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

import type { Node as YamlNode, Scalar, YAMLMap } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import type { KubernetesContext } from '../rule';
import type { Range } from '../types';
import { mapAt, pairOf, scalarString, type KubernetesObject } from './objects';

/**
 * RBAC as the authorizer reads it (kubernetes/pkg/apis/rbac/v1/evaluation_helpers.go): a
 * PolicyRule grants each of its verbs on each of its resources in each of its API groups, `*`
 * matching everything and `*\/sub` the subresource `sub` of every resource. The rules share this
 * vocabulary and never re-derive it. Aggregated ClusterRoles (`aggregationRule`) get their rules
 * from the controller, so only the rules written in the file are judged.
 */

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The verbs that step around RBAC's own guard, with the resources they act on. */
export const ESCALATIONS: readonly { verb: string; group: string; resources: readonly string[]; effect: string }[] = [
  { verb: 'escalate', group: RBAC_GROUP, resources: ['roles', 'clusterroles'], effect: 'write roles granting more than it holds' },
  { verb: 'bind', group: RBAC_GROUP, resources: ['roles', 'clusterroles'], effect: 'bind roles granting more than it holds' },
  { verb: 'impersonate', group: '', resources: ['users', 'groups', 'serviceaccounts'], effect: 'act as other users, groups or service accounts' },
  { verb: 'impersonate', group: 'authentication.k8s.io', resources: ['uids', 'userextras/scopes'], effect: 'act as other users, groups or service accounts' },
];

/**
 * `pods/exec` and `pods/attach` open a shell in a running container; `nodes/proxy` reaches the
 * kubelet API, which runs commands in any pod on the node and bypasses admission and audit of
 * the exec. `create` is the verb (`get` too: WebSocket clients upgrade a GET, which authorizes
 * as get before 1.31 and still on kubelets reached through nodes/proxy).
 */
export const SHELL_RESOURCES: readonly { resource: string; what: string; verbs: readonly string[] }[] = [
  { resource: 'pods/exec', what: 'run commands in running containers', verbs: ['create', 'get'] },
  { resource: 'pods/attach', what: 'attach to the processes of running containers', verbs: ['create', 'get'] },
  { resource: 'nodes/proxy', what: 'call the kubelet API of every node (and so run commands in any pod there)', verbs: ['get', 'create', 'update', 'patch', 'delete'] },
];

/** The verbs that read an object's content (`list` and `watch` return whole objects). */
export const READ_VERBS: readonly string[] = ['get', 'list', 'watch'];

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
  for (const object of context.objects) yield* rulesOf(object);
}

/** The rules of one Role or ClusterRole (none for other objects). */
export function* rulesOf(object: KubernetesObject): Generator<PolicyRuleSite> {
  const { isMap, isSeq } = yamlLibrary();
  if (!isRole(object)) return;
  const rules = object.node.get('rules', true);
  if (!isSeq(rules)) return;
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

/** Where a finding on a binding's `roleRef` goes: its `name` pair, else the whole roleRef. */
export function roleRefRange(context: KubernetesContext, ref: NonNullable<BindingSite['roleRef']>): Range {
  const pair = pairOf(ref.node, 'name');
  return pair ? context.rangeOfPair(pair) : context.rangeOf(ref.node);
}

/** `a`, `a and b`, `a, b and c`. */
export function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The verbs that create, change or remove objects (`*` grants them all). */
export const WRITE_VERBS: readonly string[] = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** `resourceNames` cannot restrict these: the request names no object (or many). */
const UNNAMED_VERBS: ReadonlySet<string> = new Set(['create', 'deletecollection']);

/** A resource of an API group (`''` is core), and how messages name it. */
export interface ApiResource {
  group: string;
  resource: string;
  shown: string;
}

/**
 * Reports each rule entry that grants write verbs on one of `resources` (in its API group), on
 * the entry as written; `*` resources are the wildcard rule's finding. With `resourceNames`, only
 * `create` and `deletecollection` still reach every object. `consequence` ends the message.
 */
export function reportWritable(context: KubernetesContext, resources: readonly ApiResource[], consequence: string): void {
  for (const rule of policyRules(context)) {
    for (const { group, resource, shown } of resources) {
      if (!coversGroup(rule, group)) continue;
      const [entry] = resourceEntries(rule, resource).filter((e) => e.value !== '*');
      const granted = grantedVerbs(rule, WRITE_VERBS).filter((verb) => rule.resourceNames.length === 0 || UNNAMED_VERBS.has(verb));
      if (!entry || granted.length === 0) continue;
      context.report({
        range: context.rangeOf(entry.node),
        message: `${roleLabel(rule.object)} can ${inWords(granted)} ${shown} ${scopeOf(rule.object)}: ${consequence}`,
      });
    }
  }
}

import type { PssLevel, Range } from '../types';
import { BASELINE_CAPABILITIES, RESTRICTED_ADDABLE_CAPABILITY } from './podSecurity';

/**
 * Completion and hover inside a manifest's `securityContext` (pod or container), read line by
 * line so that a half-typed document works: which keys exist there, which Pod Security level each
 * one affects and what that level allows, and the secure values first. Pure: the language server
 * turns these into LSP items.
 */
export interface FieldInfo {
  key: string;
  /** What the field does, one or two sentences of Markdown. */
  doc: string;
  /** The Pod Security level whose checks read it, when one does. */
  level?: PssLevel;
  /** What that level allows (Markdown), or the hardening advice beyond Pod Security. */
  allowed?: string;
  /** Values to offer, the secure one first. */
  values?: readonly string[];
  /** Items to offer in its list (`drop: [ALL]`), the secure one first. */
  items?: readonly string[];
}

export interface AssistItem {
  label: string;
  /** `key` to insert `label: `, `value` to insert the value. */
  kind: 'key' | 'value';
  detail: string;
  documentation: string;
  /** 0 for the secure choice; completion lists sort by it. */
  rank: number;
}

const f = (key: string, doc: string, rest: Omit<FieldInfo, 'key' | 'doc'> = {}): FieldInfo => ({ key, doc, ...rest });

const SECCOMP_TYPE = f('type', 'Which seccomp profile: `RuntimeDefault` (the container runtime\'s), `Localhost` (a file on the node, with `localhostProfile`), or `Unconfined` (no filter).', {
  level: 'restricted',
  allowed: 'baseline: anything but `Unconfined`; restricted: `RuntimeDefault` or `Localhost`, set on the pod or on every container.',
  values: ['RuntimeDefault', 'Localhost', 'Unconfined'],
});
const APPARMOR_TYPE = f('type', 'Which AppArmor profile: `RuntimeDefault`, `Localhost` (loaded on the node, with `localhostProfile`), or `Unconfined`.', {
  level: 'baseline',
  allowed: 'baseline and restricted: `RuntimeDefault` or `Localhost` (or unset); never `Unconfined`.',
  values: ['RuntimeDefault', 'Localhost', 'Unconfined'],
});
const LOCALHOST_PROFILE = f('localhostProfile', 'The profile\'s path on the node, relative to the runtime\'s profile directory; only with `type: Localhost`.');

/** Keys shared by the pod's and the containers' securityContext. */
const SHARED: readonly FieldInfo[] = [
  f('runAsNonRoot', 'When true, the kubelet refuses to start a container whose user is root (UID 0).', { level: 'restricted', allowed: 'restricted: `true` on the pod or on every container (not needed with `hostUsers: false`).', values: ['true', 'false'] }),
  f('runAsUser', 'The UID the container\'s process runs as, over the image\'s `USER`.', { level: 'restricted', allowed: 'restricted: never `0` (unless `hostUsers: false`). Beyond Pod Security: above 10000, so it matches no user on the node.', values: ['10001'] }),
  f('runAsGroup', 'The primary GID of the container\'s process.', { allowed: 'Beyond Pod Security: not `0` (the root group), and above 10000.', values: ['10001'] }),
  f('seccompProfile', 'The seccomp filter of the system calls the process may make.', { level: 'restricted', allowed: 'restricted: `{type: RuntimeDefault}` or `Localhost`; baseline: anything but `Unconfined`.', values: ['{type: RuntimeDefault}'] }),
  f('appArmorProfile', 'The AppArmor profile the process runs under (Linux nodes with AppArmor).', { level: 'baseline', allowed: 'baseline: `RuntimeDefault` or `Localhost`, never `Unconfined`.', values: ['{type: RuntimeDefault}'] }),
  f('seLinuxOptions', 'The SELinux label of the process.', { level: 'baseline', allowed: 'baseline: `type` one of `container_t`, `container_init_t`, `container_kvm_t`, `container_engine_t` (or unset); `user` and `role` unset.' }),
  f('windowsOptions', 'Windows-specific settings; `hostProcess: true` runs the container as a process on the node.', { level: 'baseline', allowed: 'baseline: `hostProcess` unset or `false`.' }),
];

const CONTAINER: readonly FieldInfo[] = [
  f('allowPrivilegeEscalation', 'Whether a process may gain more privileges than its parent (setuid binaries, file capabilities): `no_new_privs` when false.', { level: 'restricted', allowed: 'restricted: `false` on every container (Linux).', values: ['false', 'true'] }),
  f('capabilities', 'Linux capabilities added to or dropped from the runtime\'s default set.', { level: 'restricted', allowed: `restricted: \`drop: [ALL]\`, and \`add\` at most \`${RESTRICTED_ADDABLE_CAPABILITY}\`; baseline: \`add\` only from the default set.`, values: ['{drop: [ALL]}'] }),
  f('privileged', 'A privileged container has every capability and every device of the node: root on the node.', { level: 'baseline', allowed: 'baseline and restricted: unset or `false`.', values: ['false', 'true'] }),
  f('readOnlyRootFilesystem', 'Mounts the container\'s root filesystem read-only; write to volumes (`emptyDir`) instead.', { allowed: 'Beyond Pod Security (kube-score, Polaris, KubeLinter, Trivy KSV-0014): `true`.', values: ['true', 'false'] }),
  f('procMount', 'How /proc is mounted: `Default` masks the paths that leak the node; `Unmasked` shows them.', { level: 'baseline', allowed: 'baseline: unset or `Default` (any value with `hostUsers: false`).', values: ['Default', 'Unmasked'] }),
  ...SHARED,
];

const POD: readonly FieldInfo[] = [
  ...SHARED,
  f('fsGroup', 'The group that owns mounted volumes and is added to every container\'s groups.', { allowed: 'Beyond Pod Security: above 10000, not `0`.', values: ['10001'] }),
  f('fsGroupChangePolicy', 'When volume ownership is changed to `fsGroup`: `OnRootMismatch` (faster) or `Always`.', { values: ['OnRootMismatch', 'Always'] }),
  f('supplementalGroups', 'Extra GIDs for every container\'s first process.', { allowed: 'Beyond Pod Security: not `0`.' }),
  f('supplementalGroupsPolicy', '`Merge` (with the groups in the image\'s /etc/group) or `Strict` (only those listed).', { values: ['Strict', 'Merge'] }),
  f('sysctls', 'Namespaced kernel parameters set for the pod.', { level: 'baseline', allowed: 'baseline: only the safe set (e.g. `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.ping_group_range`).' }),
  f('seLinuxChangePolicy', 'How SELinux labels reach volumes: `MountOption` (fast) or `Recursive`.', { values: ['MountOption', 'Recursive'] }),
];

const NESTED: Record<string, readonly FieldInfo[]> = {
  seccompProfile: [SECCOMP_TYPE, LOCALHOST_PROFILE],
  appArmorProfile: [APPARMOR_TYPE, LOCALHOST_PROFILE],
  capabilities: [
    f('drop', 'Capabilities removed from the default set; `ALL` drops every one.', { level: 'restricted', allowed: 'restricted: must include `ALL`.', items: ['ALL'] }),
    f('add', 'Capabilities added to the default set.', { level: 'baseline', allowed: `baseline: only ${[...BASELINE_CAPABILITIES].map((c) => `\`${c}\``).join(', ')}; restricted: only \`${RESTRICTED_ADDABLE_CAPABILITY}\`.`, items: [RESTRICTED_ADDABLE_CAPABILITY] }),
  ],
  seLinuxOptions: [
    f('type', 'The SELinux type of the process.', { level: 'baseline', allowed: 'baseline: `container_t`, `container_init_t`, `container_kvm_t` or `container_engine_t`.', values: ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'] }),
    f('level', 'The SELinux level (MCS categories) of the process.'),
    f('user', 'The SELinux user.', { level: 'baseline', allowed: 'baseline: unset.' }),
    f('role', 'The SELinux role.', { level: 'baseline', allowed: 'baseline: unset.' }),
  ],
  windowsOptions: [
    f('hostProcess', 'Runs the container as a process on the Windows node, with the node\'s network and file system.', { level: 'baseline', allowed: 'baseline: unset or `false`.', values: ['false', 'true'] }),
    f('runAsUserName', 'The Windows user the container\'s process runs as.'),
    f('gmsaCredentialSpecName', 'The GMSA credential spec to use.'),
  ],
};

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** A block-style line's indentation, its `- ` (when it starts a list item), and the key it starts. */
interface KeyLine {
  indent: number;
  keyColumn: number;
  dashed: boolean;
  key: string | null;
  /** The text after the key's colon. */
  rest: string;
}

/** Reads a line by hand (no backtracking regular expression): indentation, dash, `key:`. */
function readKeyLine(text: string): KeyLine {
  let at = 0;
  while (text[at] === ' ' || text[at] === '\t') at++;
  const indent = at;
  let dashed = false;
  if (text[at] === '-' && (text[at + 1] === ' ' || text[at + 1] === '\t')) {
    dashed = true;
    at++;
    while (text[at] === ' ' || text[at] === '\t') at++;
  }
  const keyColumn = at;
  const quote = text[at] === '"' || text[at] === "'" ? text[at] : null;
  let end = quote ? text.indexOf(quote, at + 1) + 1 : at;
  if (quote && end === 0) return { indent, keyColumn, dashed, key: null, rest: '' };
  // The key runs to the first `: ` (or a colon ending the line); `#` starts a comment.
  let colon = -1;
  for (let i = end; i < text.length; i++) {
    const c = text[i];
    if (c === '#' && (i === 0 || text[i - 1] === ' ')) break;
    if (c === ':' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) {
      colon = i;
      break;
    }
  }
  if (colon === -1 || colon === keyColumn) return { indent, keyColumn, dashed, key: null, rest: '' };
  end = colon;
  const key = text.slice(keyColumn, end).trim().replace(/^["']|["']$/g, '');
  return { indent, keyColumn, dashed, key: key === '' || /^[{[#]/.test(key) ? null : key, rest: text.slice(colon + 1) };
}

/** The map keys that enclose `line`, innermost first, read by indentation (block style). */
export function enclosingKeys(lines: readonly string[], line: number, column: number): string[] {
  const out: string[] = [];
  let limit = column;
  let listItem = false;
  for (let i = line - 1; i >= 0 && limit > 0; i--) {
    const text = lines[i] ?? '';
    if (/^\s*(#|$)/.test(text)) continue;
    const read = readKeyLine(text);
    const { indent, keyColumn } = read;
    if (read.key === null) {
      if (read.dashed && indent < limit) {
        limit = indent;
        listItem = true;
      }
      continue;
    }
    if (read.dashed && keyColumn <= limit && indent < limit) {
      // The first key of a list item whose map holds the line: the list's key comes next.
      limit = indent;
      listItem = true;
      continue;
    }
    if (keyColumn < limit || (listItem && indent <= limit)) {
      out.push(read.key);
      limit = indent;
      listItem = false;
    }
  }
  return out;
}

/** The fields that may be written at a place with these enclosing keys; null outside a securityContext. */
function fieldsAt(keys: readonly string[]): { fields: readonly FieldInfo[]; where: string } | null {
  const [first, second, third] = keys;
  if (first === 'securityContext') {
    if (second !== undefined && CONTAINER_LISTS.has(second)) return { fields: CONTAINER, where: 'container securityContext' };
    if (second === 'spec') return { fields: POD, where: 'pod securityContext' };
    return null;
  }
  if (first !== undefined && second === 'securityContext' && NESTED[first] && (third === 'spec' || (third !== undefined && CONTAINER_LISTS.has(third)))) {
    // capabilities, procMount and friends are container fields; the pod has no capabilities.
    if (first === 'capabilities' && third === 'spec') return null;
    return { fields: NESTED[first]!, where: `securityContext.${first}` };
  }
  return null;
}

function markdownOf(field: FieldInfo, where: string): string {
  const lines = [`**${field.key}** (${where})`, '', field.doc];
  if (field.allowed) lines.push('', `${field.level ? `Pod Security Standards, ${field.level} level and above. ` : ''}${field.allowed}`);
  return lines.join('\n');
}

function detailOf(field: FieldInfo): string {
  return field.level ? `Pod Security: ${field.level}` : field.allowed ? 'hardening beyond Pod Security' : 'securityContext';
}

/**
 * What to offer at `position`: the keys of the enclosing securityContext (or its nested map) at
 * the start of a key, the values of the key before the cursor after its colon, the items of a
 * list (`- ALL` under `drop:`). Empty elsewhere.
 */
export function securityContextCompletions(text: string, position: { line: number; character: number }): AssistItem[] {
  const lines = text.split(/\r?\n/);
  const before = (lines[position.line] ?? '').slice(0, position.character);
  const keyStart = /^(\s*)(-\s+)?([A-Za-z]*)$/.exec(before);
  if (keyStart) {
    const column = keyStart[1]!.length + (keyStart[2]?.length ?? 0);
    const keys = enclosingKeys(lines, position.line, column);
    // `- ` under `drop:`/`add:`: the list's items.
    if (keyStart[2]) {
      const owner = fieldsAt(keys.slice(1))?.fields.find((fi) => fi.key === keys[0]);
      return (owner?.items ?? []).map((item, rank) => ({ label: item, kind: 'value', detail: detailOf(owner!), documentation: markdownOf(owner!, keys[0]!), rank }));
    }
    const at = fieldsAt(keys);
    if (!at) return [];
    // The secure, level-bearing keys first.
    return at.fields.map((field) => ({ label: field.key, kind: 'key', detail: detailOf(field), documentation: markdownOf(field, at.where), rank: field.level === 'baseline' ? 0 : field.level === 'restricted' ? 1 : 2 }));
  }
  // After `key:`, with at most a partly typed value.
  const valueAfter = readKeyLine(before);
  if (valueAfter.key === null || /[^A-Za-z0-9{}[\]:, \t]/.test(valueAfter.rest)) return [];
  const keys = enclosingKeys(lines, position.line, valueAfter.keyColumn);
  const field = fieldsAt(keys)?.fields.find((fi) => fi.key === valueAfter.key);
  if (!field?.values) return [];
  const where = fieldsAt(keys)!.where;
  return field.values.map((value, rank) => ({ label: value, kind: 'value', detail: rank === 0 ? `secure choice · ${detailOf(field)}` : detailOf(field), documentation: markdownOf(field, where), rank }));
}

/** The securityContext field under `position` (its key), explained; null elsewhere. */
export function securityContextHover(text: string, position: { line: number; character: number }): { markdown: string; range: Range } | null {
  const lines = text.split(/\r?\n/);
  const line = lines[position.line] ?? '';
  const m = /^(\s*)(-\s+)?([A-Za-z]+)\s*:/.exec(line);
  if (!m) return null;
  const start = m[1]!.length + (m[2]?.length ?? 0);
  const end = start + m[3]!.length;
  if (position.character < start || position.character > end) return null;
  const keys = enclosingKeys(lines, position.line, start);
  const at = fieldsAt(keys);
  const field = at?.fields.find((fi) => fi.key === m[3]);
  if (!at || !field) return null;
  return { markdown: markdownOf(field, at.where), range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } } };
}

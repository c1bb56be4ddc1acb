import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { parseImageReference } from '../../parse/dockerfileModel';
import { yamlLibrary } from '../../parse/yamlDocuments';
import { FALLBACK_NON_ROOT_UID, nonRootUserFor } from '../dockerfile/nonRootBaseImages';
import type { KubernetesContext } from '../rule';
import type { PssLevel, Range } from '../types';
import { mayBeSetElsewhere } from './partialObjects';
import { booleanSetting } from './typedFields';
import { mapAt, pairOf, scalarString, scalarValue, type ContainerSite, type KubernetesObject, type PodSpecSite } from './objects';

/**
 * What the Pod Security Admission controller (kubernetes/pod-security-admission, policy/check_*.go,
 * newest version: 1.35+ user-namespace relaxations, 1.37 sysctls) allows, and the vocabulary
 * every Pod Security rule shares: levels, the pod/container walk, Windows and `hostUsers: false`
 * pods, and the admission controller's own wording for messages. Values were read from the
 * policy sources at commit 8f84a87c; the rules hold no lists of their own.
 */

/** `capabilities_baseline`: what `capabilities.add` may hold at the baseline level. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** `capabilities_restricted`: the one capability a restricted container may add. */
export const RESTRICTED_ADDABLE_CAPABILITY = 'NET_BIND_SERVICE';

/** `sysctls`: the namespaced, isolated ("safe") sysctls, as of the 1.37 policy. */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

/** `restrictedVolumes`: the inline volume sources a restricted pod may use. */
export const RESTRICTED_VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

/** Every other volume source the API knows; a volume with one of these is named by it. */
export const OTHER_VOLUME_SOURCES: readonly string[] = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'portworxVolume', 'photonPersistentDisk', 'scaleIO', 'storageos',
];

/** `seLinuxOptions`: the types allowed since 1.31 (`""` is unset). */
export const SELINUX_TYPES: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** `seccompProfile_*` and `appArmorProfile` field values that keep a profile in force. */
export const CONFINING_PROFILE_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** The level the user enforces (`podSecurityLevel`, default `restricted`). */
export function enforcedLevel(context: KubernetesContext): PssLevel {
  return context.settings.podSecurityLevel;
}

/** Whether a control of `level` is checked at the enforced level (baseline ⊂ restricted). */
export function enforces(context: KubernetesContext, level: PssLevel): boolean {
  return level === 'baseline' || enforcedLevel(context) === 'restricted';
}

/**
 * A finding's message: what is wrong in Seaworthy's words, then what the admission controller
 * enforcing the user's level would answer, in its own words (`violates PodSecurity
 * "restricted:latest": reason (detail)`).
 */
export function admissionMessage(context: KubernetesContext, what: string, reason: string, detail: string): string {
  return `${what} — violates PodSecurity "${enforcedLevel(context)}:${context.settings.podSecurityVersion ?? 'latest'}": ${reason} (${detail})`;
}

/**
 * `spec.os.name: windows`: the restricted checks that mean nothing on Windows skip these pods
 * (1.25+). A Kustomize patch that leaves `os` to its base may be one: the checks skip it too.
 */
export function isWindowsPod(spec: YAMLMap): boolean {
  return scalarString(mapAt(spec, ['os'])?.get('name', true)) === 'windows' || mayBeSetElsewhere(spec, 'os');
}

/**
 * `hostUsers: false`: the pod runs in a user namespace, which relaxes the 1.35+ user checks (or
 * may, in a patch). A `hostUsers` the API server refuses (`"false"`) is taken as one too: no check
 * claims what the relaxation would have lifted (boolean-field-not-a-boolean reports the value).
 */
export function inUserNamespace(spec: YAMLMap): boolean {
  const setting = booleanSetting(spec, 'hostUsers');
  return setting === false || setting === 'rejected' || mayBeSetElsewhere(spec, 'hostUsers');
}

/**
 * Whether a setting missing here is really unset: on a container, unless the document is a partial
 * object (a Kustomize patch); on the pod (or a control a pod-level value could settle), only where
 * no other object supplies pod-level settings (a Tekton run's podTemplate).
 */
export function absenceIsCertain(site: PodSpecSite, level: 'pod' | 'container'): boolean {
  return site.unseen === undefined || (site.unseen === 'pod' && level === 'container');
}

/** The security context of a container or pod spec, when it is a map. */
export function securityContextOf(owner: YAMLMap): YAMLMap | null {
  return mapAt(owner, ['securityContext']);
}

/** `Deployment "web"`; `Workflow "build-…"` for a `generateName`. */
export function objectLabel(object: KubernetesObject): string {
  const generated = scalarString(object.metadata?.get('generateName', true));
  return `${object.kind} "${object.name ?? (generated ? `${generated}…` : '?')}"`;
}

/** `Init container "setup"`. */
export function containerLabel(container: ContainerSite): string {
  const kind = container.role ?? (container.list === 'containers' ? 'Container' : container.list === 'initContainers' ? 'Init container' : 'Ephemeral container');
  return `${kind} "${container.name ?? '?'}"`;
}

/** `Init container "setup" of Deployment "web"`. */
export function containerOf(container: ContainerSite, object: KubernetesObject): string {
  return `${containerLabel(container)} of ${objectLabel(object)}`;
}

/** `container "setup"`, as the admission controller names it. */
export function quotedContainer(container: ContainerSite): string {
  return `container "${container.podName ?? container.name ?? ''}"`;
}

/** The container's `name` pair (or its first pair): where a missing setting is reported. */
export function containerAnchor(context: KubernetesContext, container: YAMLMap): Range {
  const pair = pairOf(container, 'name') ?? (container.items[0] as Pair | undefined);
  return pair ? context.rangeOfPair(pair) : context.rangeOf(container);
}

/** The value as the user wrote it (`true`, `"false"`), for messages. */
export function writtenValue(context: KubernetesContext, pair: Pair): string {
  const range = (pair.value as { range?: [number, number, number] } | null)?.range;
  return range ? context.text.slice(range[0], range[1]).trim() : '';
}

/** Each pod spec of the document with the object that carries it. */
export function* podSpecs(context: KubernetesContext): Generator<{ object: KubernetesObject; site: PodSpecSite }> {
  for (const object of context.objects) for (const site of object.podSpecs) yield { object, site };
}

/** The image's own non-root UID when it is known by number (distroless 65532), else 10001. */
export function nonRootUidFor(image: unknown): string {
  const choice = nonRootUserFor(typeof image === 'string' ? parseImageReference(image) : null);
  return /^\d+$/.test(choice.user) ? choice.user : FALLBACK_NON_ROOT_UID;
}

export interface VolumeSite {
  node: YAMLMap;
  name: string | null;
}

/** The pod's `volumes[*]` maps. */
export function volumesOf(spec: YAMLMap): VolumeSite[] {
  const { isMap, isSeq } = yamlLibrary();
  const seq = spec.get('volumes', true);
  if (!isSeq(seq)) return [];
  return seq.items.filter(isMap).map((node) => ({ node, name: scalarString(node.get('name', true)) }));
}

/**
 * The source a volume sets, as the API server decodes it: the first of `keys` whose value is not
 * null (`hostPath: ~` is no hostPath at all).
 */
export function volumeSource(volume: YAMLMap, keys: Iterable<string>): { key: string; pair: Pair } | null {
  for (const key of keys) {
    const pair = pairOf(volume, key);
    if (pair && pair.value !== null && scalarValue(volume, key) !== null) return { key, pair };
  }
  return null;
}

/** The items of a list of scalars under `map.key` (`capabilities.add`), each with its node. */
export function scalarItems(map: YAMLMap | null, key: string): { value: string; node: YamlNode }[] {
  const { isScalar, isSeq } = yamlLibrary();
  const seq = map?.get(key, true);
  if (!isSeq(seq)) return [];
  const out: { value: string; node: YamlNode }[] = [];
  for (const item of seq.items) if (isScalar(item) && item.value !== null) out.push({ value: String(item.value), node: item });
  return out;
}

/** A seccomp or AppArmor profile as a pod or container sets it, with where it is written. */
export interface ProfileSetting {
  /** The field's type (`RuntimeDefault`, `Unconfined`…; `''` when the map has none). */
  type: string;
  /** The pair to point at: `type: Unconfined`, or the annotation. */
  pair: Pair;
  /** The annotation key when the profile comes from the legacy annotation. */
  annotation: string | null;
  /** The value as written (the annotation's `unconfined`, or the field's type). */
  written: string;
  /** Whether `pair` holds the value itself (a `type:` pair or the annotation), so it can be replaced. */
  replaceable: boolean;
}

/** `securityContext.<key>` (`seccompProfile`, `appArmorProfile`) when it is set (not null). */
export function profileField(owner: YAMLMap, key: string): ProfileSetting | null {
  const sc = securityContextOf(owner);
  const profilePair = sc ? pairOf(sc, key) : undefined;
  const profile = sc ? mapAt(sc, [key]) : null;
  if (!profilePair || !profile) return null;
  const typePair = pairOf(profile, 'type');
  const type = scalarString(profile.get('type', true)) ?? '';
  return { type, pair: typePair ?? profilePair, annotation: null, written: type, replaceable: typePair !== undefined };
}

/** The pod template's (or Pod's) annotations as key → pair. */
export function annotationsOf(site: PodSpecSite): Map<string, Pair> {
  const { isMap, isScalar } = yamlLibrary();
  const annotations = site.metadata?.get('annotations', true);
  const out = new Map<string, Pair>();
  if (!isMap(annotations)) return out;
  for (const pair of annotations.items) if (isScalar(pair.key)) out.set(String(pair.key.value), pair as Pair);
  return out;
}

/**
 * The seccomp profile of the pod (`container` null) or of one container, as the admission
 * controller sees it: the field, or else the legacy annotation, which the API server copies into
 * an unset field when it creates the pod (`unconfined` → Unconfined, `runtime/default` and
 * `docker/default` → RuntimeDefault, `localhost/…` → Localhost; anything else is ignored).
 */
export function seccompOf(site: PodSpecSite, container: ContainerSite | null): ProfileSetting | null {
  const field = profileField(container ? container.node : site.spec, 'seccompProfile');
  if (field) return field;
  const key = container ? `${SECCOMP_CONTAINER_ANNOTATION_PREFIX}${container.name ?? ''}` : SECCOMP_POD_ANNOTATION;
  const pair = annotationsOf(site).get(key);
  const written = pair ? scalarString(pair.value) : null;
  if (!pair || written === null) return null;
  const type = seccompTypeForAnnotation(written);
  return type ? { type, pair, annotation: key, written, replaceable: true } : null;
}

function seccompTypeForAnnotation(value: string): string | null {
  if (value === 'unconfined') return 'Unconfined';
  if (value === 'runtime/default' || value === 'docker/default') return 'RuntimeDefault';
  if (value.startsWith('localhost/') && value.length > 'localhost/'.length) return 'Localhost';
  return null;
}

/**
 * The pod specs a restricted control that skips Windows pods (allowPrivilegeEscalation,
 * capabilities_restricted, seccompProfile_restricted) applies to: none below restricted.
 */
export function* restrictedLinuxPodSpecs(context: KubernetesContext): Generator<{ object: KubernetesObject; site: PodSpecSite }> {
  if (!enforces(context, 'restricted')) return;
  for (const entry of podSpecs(context)) if (!isWindowsPod(entry.site.spec)) yield entry;
}

/** A pod spec or one of its containers, as the pod/container checks visit them. */
export interface SecurityContextOwner {
  owner: YAMLMap;
  container: ContainerSite | null;
  /** `The pod spec of Pod "web"`, `Container "web" of Pod "web"`. */
  who: string;
  /** How the admission controller names it: `pod`, `container "web"`. */
  setter: string;
}

/** The pod spec, then each container, init container and ephemeral container. */
export function* securityContextOwners(object: KubernetesObject, site: PodSpecSite): Generator<SecurityContextOwner> {
  yield { owner: site.spec, container: null, who: `The pod spec of ${objectLabel(object)}`, setter: 'pod' };
  for (const container of site.containers) yield { owner: container.node, container, who: containerOf(container, object), setter: quotedContainer(container) };
}

import type { Pair, YAMLMap } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import { isCoreWorkloadGroup, mapAt, pairOf, type KubernetesObject, type PodSpecSite } from './objects';

/**
 * The typed scalar fields of the objects the engine reads, as the API server decodes them:
 * sigs.k8s.io/yaml turns the manifest into JSON with go-yaml v2 (YAML 1.1 words `yes`, `on`, `y`…
 * are booleans there, base-60 `1:00` is a string), then decodes the JSON strictly into Go structs,
 * refusing the whole object when a field holds another JSON type. `number-field-not-a-number` and
 * `boolean-field-not-a-boolean` report those; the security rules read a boolean through
 * `booleanSetting`, which says when the value is one the API server refuses, so that they make no
 * claim about it (the object never reaches the cluster: the rejection is the finding).
 */
export type FieldType = 'int32' | 'int64' | 'bool';

export interface TypedField {
  object: KubernetesObject;
  /** The pair that holds the value; null for an item of a list field (`supplementalGroups`). */
  pair: Pair | null;
  node: unknown;
  key: string;
  type: FieldType;
  /** The Go struct that holds the field (`SecurityContext`), as the decoder's error names it. */
  goType: string;
  /** Keys from the object root to the field (list indexes left out), as the decoder's error names it. */
  path: readonly string[];
}

type Fields = Readonly<Record<string, FieldType>>;

/** The top-level spec fields of the built-in workloads (in their core API groups). */
const WORKLOAD_SPEC: Readonly<Record<string, Fields>> = {
  Deployment: { replicas: 'int32', paused: 'bool' },
  StatefulSet: { replicas: 'int32' },
  ReplicaSet: { replicas: 'int32' },
  ReplicationController: { replicas: 'int32' },
  Job: { suspend: 'bool', manualSelector: 'bool' },
  CronJob: { suspend: 'bool' },
};

const POD_SPEC: Fields = {
  terminationGracePeriodSeconds: 'int64',
  activeDeadlineSeconds: 'int64',
  hostNetwork: 'bool',
  hostPID: 'bool',
  hostIPC: 'bool',
  hostUsers: 'bool',
  shareProcessNamespace: 'bool',
  automountServiceAccountToken: 'bool',
  enableServiceLinks: 'bool',
  setHostnameAsFQDN: 'bool',
};
const POD_SECURITY_CONTEXT: Fields = { runAsUser: 'int64', runAsGroup: 'int64', fsGroup: 'int64', runAsNonRoot: 'bool' };
const CONTAINER: Fields = { stdin: 'bool', stdinOnce: 'bool', tty: 'bool' };
const SECURITY_CONTEXT: Fields = {
  runAsUser: 'int64',
  runAsGroup: 'int64',
  privileged: 'bool',
  runAsNonRoot: 'bool',
  readOnlyRootFilesystem: 'bool',
  allowPrivilegeEscalation: 'bool',
};
const WINDOWS_OPTIONS: Fields = { hostProcess: 'bool' };
const CONTAINER_PORT: Fields = { containerPort: 'int32', hostPort: 'int32' };
const VOLUME_MOUNT: Fields = { readOnly: 'bool' };
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PROBE: Fields = {
  initialDelaySeconds: 'int32',
  periodSeconds: 'int32',
  timeoutSeconds: 'int32',
  successThreshold: 'int32',
  failureThreshold: 'int32',
  terminationGracePeriodSeconds: 'int64',
};

/** Every typed field the object writes, in the order a reader meets them. */
export function typedFieldsOf(object: KubernetesObject): TypedField[] {
  const found: TypedField[] = [];
  const spec = mapAt(object.node, ['spec']);
  const workload = WORKLOAD_SPEC[object.kind];
  if (spec && workload && isCoreWorkloadGroup(object.apiVersion)) collect(found, object, spec, workload, `${object.kind}Spec`, ['spec']);
  for (const site of object.podSpecs) podFields(found, object, site);
  return found;
}

function podFields(found: TypedField[], object: KubernetesObject, site: PodSpecSite): void {
  const { isMap, isSeq } = yamlLibrary();
  collect(found, object, site.spec, POD_SPEC, 'PodSpec', site.path);
  const podSc = mapAt(site.spec, ['securityContext']);
  if (podSc) {
    const path = [...site.path, 'securityContext'];
    collect(found, object, podSc, POD_SECURITY_CONTEXT, 'PodSecurityContext', path);
    windowsOptions(found, object, podSc, path);
    const groups = podSc.get('supplementalGroups', true);
    if (isSeq(groups)) for (const node of groups.items) found.push({ object, pair: null, node, key: 'supplementalGroups', type: 'int64', goType: 'PodSecurityContext', path: [...path, 'supplementalGroups'] });
  }
  for (const container of site.containers) {
    const path = [...site.path, container.list];
    collect(found, object, container.node, CONTAINER, 'Container', path);
    const sc = mapAt(container.node, ['securityContext']);
    if (sc) {
      collect(found, object, sc, SECURITY_CONTEXT, 'SecurityContext', [...path, 'securityContext']);
      windowsOptions(found, object, sc, [...path, 'securityContext']);
    }
    for (const [list, fields, goType] of [['ports', CONTAINER_PORT, 'ContainerPort'], ['volumeMounts', VOLUME_MOUNT, 'VolumeMount']] as const) {
      const items = container.node.get(list, true);
      if (isSeq(items)) for (const item of items.items) if (isMap(item)) collect(found, object, item, fields, goType, [...path, list]);
    }
    for (const probe of PROBES) {
      const map = mapAt(container.node, [probe]);
      if (map) collect(found, object, map, PROBE, 'Probe', [...path, probe]);
    }
  }
}

function windowsOptions(found: TypedField[], object: KubernetesObject, securityContext: YAMLMap, path: readonly string[]): void {
  const options = mapAt(securityContext, ['windowsOptions']);
  if (options) collect(found, object, options, WINDOWS_OPTIONS, 'WindowsSecurityContextOptions', [...path, 'windowsOptions']);
}

function collect(found: TypedField[], object: KubernetesObject, map: YAMLMap, fields: Fields, goType: string, path: readonly string[]): void {
  for (const [key, type] of Object.entries(fields)) {
    const pair = pairOf(map, key);
    if (pair) found.push({ object, pair, node: pair.value, key, type, goType, path: [...path, key] });
  }
}

/** JSON's name for what a node holds, as Go's decoder says it (`cannot unmarshal string into …`). */
export function jsonTypeOf(node: unknown): 'string' | 'number' | 'bool' | 'object' | 'array' | null {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (!isScalar(node)) return null;
  const value: unknown = node.value;
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'bool' : null;
}

/**
 * What the API server answers for a field holding `got`: the decoder's own error for the core
 * API groups, the schema's refusal for a custom resource (whose Go type is its own).
 */
export function rejectionOf(field: TypedField, got: string): string {
  if (!isCoreWorkloadGroup(field.object.apiVersion)) return `the schema of ${field.object.kind} wants ${field.type === 'bool' ? 'a boolean' : 'an integer'} for ${field.key}`;
  return `json: cannot unmarshal ${got} into Go struct field ${field.goType}.${field.path.join('.')} of type ${field.type}`;
}

/**
 * A boolean field as the API server reads it: its value, null when absent or empty, `'rejected'`
 * when it holds anything else (`"true"`, `1`): the object is refused, and `boolean-field-not-a-boolean`
 * reports that, so a rule reads neither "on" nor "off" into it.
 */
export function booleanSetting(map: YAMLMap | null, key: string): boolean | null | 'rejected' {
  const node: unknown = map?.get(key, true);
  if (node === undefined || node === null) return null;
  const type = jsonTypeOf(node);
  if (type === 'bool') return (node as { value: boolean }).value;
  return type === null ? null : 'rejected';
}

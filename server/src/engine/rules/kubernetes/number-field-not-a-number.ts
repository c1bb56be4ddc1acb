import type { Pair, Scalar, YAMLMap } from 'yaml';
import { yamlLibrary } from '../../../parse/yamlDocuments';
import { isCoreWorkloadGroup as isCoreGroup, mapAt, pairOf, type KubernetesObject, type PodSpecSite } from '../../kubernetes/objects';
import { objectLabel, securityContextOf } from '../../kubernetes/podSecurity';
import { replacePairValue } from '../../kubernetes/securityContextEdits';
import { defineRule, type KubernetesContext } from '../../rule';
import type { TextEdit } from '../../types';

/**
 * A field the API takes as an integer (`runAsUser`, `containerPort`, `replicas`…) written as a
 * string or a boolean. sigs.k8s.io/yaml turns the manifest into JSON with go-yaml v2, which reads
 * `"1000"` and YAML 1.1's base-60 `1:00` as strings, and the decoder then refuses the whole object
 * (`json: cannot unmarshal string into Go struct field … of type int64`); a custom resource's
 * schema refuses it the same way. `intOrString` fields (`targetPort`, a probe's `port`) are not
 * among these.
 */
export default defineRule({
  meta: {
    id: 'number-field-not-a-number',
    title: 'An integer field holds a string or a boolean',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'hygiene',
    refs: {},
    fixable: true,
    rationale:
      'Kubernetes reads manifests with a YAML 1.1 reader that knows no base-60 numbers, then decodes the result strictly into typed fields. `runAsUser: "1000"`, `runAsUser: 1:00` (a string to that reader, though YAML 1.1 calls it 3600) or `containerPort: true` in an integer field make the API server reject the whole object, so the workload is never created or updated, and a setting that looks restrictive is not in force anywhere. Write the number plainly. The quick fix unquotes a quoted integer; a base-60 value is left to you, since what was meant is not certain.',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: "10001"\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    for (const object of context.objects) {
      const spec = mapAt(object.node, ['spec']);
      if (spec && REPLICATED.has(object.kind) && isCoreGroup(object.apiVersion)) checkFields(context, object, spec, ['replicas'], `${object.kind}Spec`, ['spec']);
      for (const site of object.podSpecs) checkPod(context, object, site);
    }
  },
});

const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);
const POD_FIELDS = ['terminationGracePeriodSeconds', 'activeDeadlineSeconds'];
const POD_SECURITY_FIELDS = ['runAsUser', 'runAsGroup', 'fsGroup'];
const CONTAINER_SECURITY_FIELDS = ['runAsUser', 'runAsGroup'];
const PORT_FIELDS = ['containerPort', 'hostPort'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PROBE_FIELDS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds'];
const INT64_FIELDS = new Set(['runAsUser', 'runAsGroup', 'fsGroup', 'supplementalGroups', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds']);

function checkPod(context: KubernetesContext, object: KubernetesObject, site: PodSpecSite): void {
  const { isMap, isSeq } = yamlLibrary();
  checkFields(context, object, site.spec, POD_FIELDS, 'PodSpec', site.path);
  const podSc = securityContextOf(site.spec);
  if (podSc) {
    const path = [...site.path, 'securityContext'];
    checkFields(context, object, podSc, POD_SECURITY_FIELDS, 'PodSecurityContext', path);
    const groups = podSc.get('supplementalGroups', true);
    if (isSeq(groups)) for (const item of groups.items) report(context, object, null, item, 'supplementalGroups', 'PodSecurityContext', [...path, 'supplementalGroups']);
  }
  for (const container of site.containers) {
    const path = [...site.path, container.list];
    const sc = securityContextOf(container.node);
    if (sc) checkFields(context, object, sc, CONTAINER_SECURITY_FIELDS, 'SecurityContext', [...path, 'securityContext']);
    const ports = container.node.get('ports', true);
    if (isSeq(ports)) for (const port of ports.items) if (isMap(port)) checkFields(context, object, port, PORT_FIELDS, 'ContainerPort', [...path, 'ports']);
    for (const probe of PROBES) {
      const map = container.node.get(probe, true);
      if (isMap(map)) checkFields(context, object, map, PROBE_FIELDS, 'Probe', [...path, probe]);
    }
  }
}

function checkFields(context: KubernetesContext, object: KubernetesObject, map: YAMLMap, keys: readonly string[], goType: string, path: readonly string[]): void {
  for (const key of keys) {
    const pair = pairOf(map, key);
    if (pair) report(context, object, pair, pair.value, key, goType, [...path, key]);
  }
}

function report(context: KubernetesContext, object: KubernetesObject, pair: Pair | null, node: unknown, key: string, goType: string, path: readonly string[]): void {
  const { isScalar } = yamlLibrary();
  if (!isScalar(node) || node.range === undefined || node.range === null) return;
  const value = node.value;
  if (typeof value !== 'string' && typeof value !== 'boolean') return;
  const written = context.text.slice(node.range[0], node.range[1]);
  const what = describe(node as Scalar, written);
  const type = INT64_FIELDS.has(key) ? 'int64' : 'int32';
  const rejection = isCoreGroup(object.apiVersion)
    ? `json: cannot unmarshal ${typeof value === 'string' ? 'string' : 'bool'} into Go struct field ${goType}.${path.join('.')} of type ${type}`
    : `the schema of ${object.kind} wants an integer for ${key}`;
  const digits = typeof value === 'string' && /^[-+]?\d+$/.test(value) && node.type !== 'PLAIN' ? value.replace(/^\+/, '') : null;
  const edits: TextEdit[] = digits !== null && pair ? replacePairValue(context, pair, digits) : digits !== null ? [{ range: context.rangeOf(node), newText: digits }] : [];
  context.report({
    range: pair ? context.rangeOfPair(pair) : context.rangeOf(node),
    message: `${key}: ${written} in ${objectLabel(object)} is ${what}, not a number: the API server rejects the object (${rejection})`,
    ...(edits.length > 0 ? { fix: { title: `Write ${digits} as a number`, edits } } : {}),
  });
}

/** Base-60 integers of YAML 1.1 (`1:00`, `-1:30:00`): numbers to the specification, strings to go-yaml. */
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/;

function describe(node: Scalar, written: string): string {
  if (typeof node.value === 'boolean') return 'a boolean';
  if (node.type === 'PLAIN' && SEXAGESIMAL.test(written)) return `the string "${written}" to the API server's YAML reader (go-yaml reads no base-60 numbers)`;
  return /^[-+]?\d+$/.test(String(node.value)) ? 'a quoted string' : 'a string';
}

import type { Scalar } from 'yaml';
import { yamlLibrary } from '../../../parse/yamlDocuments';
import { objectLabel } from '../../kubernetes/podSecurity';
import { replacePairValue } from '../../kubernetes/securityContextEdits';
import { jsonTypeOf, rejectionOf, typedFieldsOf, type TypedField } from '../../kubernetes/typedFields';
import { defineRule, type KubernetesContext } from '../../rule';

/**
 * A field the API takes as a boolean (`privileged`, `runAsNonRoot`, `hostNetwork`,
 * `automountServiceAccountToken`…) written as a string, a number or a collection. go-yaml v2, the
 * API server's YAML reader, takes `true`/`yes`/`on`/`y` (and their capitalised forms) unquoted as
 * booleans, but `"true"` is a string, and the strict decode then refuses the whole object
 * (`json: cannot unmarshal string into Go struct field SecurityContext…privileged of type bool`).
 * The security rules make no claim about such a value (it is neither on nor off: the object never
 * reaches the cluster); this rule is the one finding.
 */
export default defineRule({
  meta: {
    id: 'boolean-field-not-a-boolean',
    title: 'A boolean field holds a string or a number',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'hygiene',
    refs: {},
    fixable: true,
    rationale:
      'Kubernetes reads manifests with a YAML 1.1 reader (go-yaml v2), where unquoted `true`, `yes`, `on` and `y` (and `True`, `YES`, `On`…) are booleans, then decodes the result strictly into typed fields. A quoted `privileged: "true"`, `runAsNonRoot: "yes"` or a number (`hostNetwork: 1`) in a boolean field makes the API server reject the whole object, so the workload is never created or updated: a setting that looks restrictive is in force nowhere, and one that looks permissive is not either. The security rules say nothing about such a value; this is the finding. Covered: the pod spec\'s booleans (`hostNetwork`, `hostPID`, `hostIPC`, `hostUsers`, `shareProcessNamespace`, `automountServiceAccountToken`, `enableServiceLinks`, `setHostnameAsFQDN`), the pod\'s and each container\'s `securityContext` (`runAsNonRoot`, `privileged`, `readOnlyRootFilesystem`, `allowPrivilegeEscalation`, `windowsOptions.hostProcess`), a container\'s `stdin`, `stdinOnce`, `tty` and `volumeMounts[].readOnly`, and `paused` (Deployment) and `suspend` (Job, CronJob). Write `true` or `false` unquoted. The quick fix unquotes `"true"` and `"false"`; any other value (`"yes"`, `1`) is left to you, since what was meant is not certain.',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: "true"\n',
    },
  },
  check(context) {
    for (const object of context.objects) {
      for (const field of typedFieldsOf(object)) if (field.type === 'bool') report(context, field);
    }
  },
});

function report(context: KubernetesContext, field: TypedField): void {
  const { isScalar } = yamlLibrary();
  const { node, pair, key } = field;
  const got = jsonTypeOf(node);
  if (got === null || got === 'bool' || !pair) return;
  const range = (node as { range?: [number, number, number] | null }).range;
  if (!range) return;
  const written = context.text.slice(range[0], range[1]);
  const scalar = isScalar(node) ? (node as Scalar) : null;
  const quoted = scalar !== null && isQuoted(scalar) && typeof scalar.value === 'string' ? scalar.value : null;
  // Only a quoted `"true"` or `"false"` has a certain meaning: `"yes"` or `1` may be a mistake of another kind.
  const certain = quoted === 'true' || quoted === 'false' ? quoted : null;
  const edits = certain !== null ? replacePairValue(context, pair, certain) : [];
  const shown = got === 'object' || got === 'array' ? '' : `: ${oneLine(written)}`;
  const word = quoted === null ? undefined : GO_YAML_BOOLEANS.get(quoted);
  const unquoted = word === undefined ? '' : ` (without the quotes, ${quoted} reads as ${word})`;
  const advice = edits.length > 0 ? '' : `; write ${key}: true or ${key}: false, unquoted${unquoted}`;
  context.report({
    range: context.rangeOfPair(pair),
    message: `${key}${shown} in ${objectLabel(field.object)} is ${describe(scalar, got)}, not a boolean: the API server rejects the object (${rejectionOf(field, got)})${advice}`,
    ...(edits.length > 0 ? { fix: { title: `Write ${certain} as a boolean`, edits } } : {}),
  });
}

/** Quoted without a tag: a `!!bool "true"` is a boolean already, and `!!str` is not a quoting style. */
function isQuoted(scalar: Scalar): boolean {
  return (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') && !scalar.tag;
}

/** The words go-yaml v2 resolves to a boolean when they stand unquoted (its resolve table). */
const GO_YAML_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
]);

function describe(scalar: Scalar | null, got: 'string' | 'number' | 'object' | 'array'): string {
  if (got === 'object') return 'a map';
  if (got === 'array') return 'a list';
  if (got === 'number') return 'a number';
  if (scalar && isQuoted(scalar)) return 'a quoted string';
  if (scalar?.tag) return `a string (tagged ${scalar.tag === 'tag:yaml.org,2002:str' ? '!!str' : scalar.tag})`;
  // Plain and still a string: not one of the YAML 1.1 words go-yaml reads as a boolean (`yEs`, `enabled`).
  return 'a string to the API server\'s YAML reader';
}

/** A value as the message shows it: a block scalar's first line. */
function oneLine(text: string): string {
  const first = text.split(/\r?\n|\r/)[0] ?? '';
  return first.length < text.length ? `${first} …` : first;
}

import type { Scalar } from 'yaml';
import { yamlLibrary } from '../../../parse/yamlDocuments';
import { objectLabel } from '../../kubernetes/podSecurity';
import { replacePairValue } from '../../kubernetes/securityContextEdits';
import { rejectionOf, typedFieldsOf, type TypedField } from '../../kubernetes/typedFields';
import { defineRule, type KubernetesContext } from '../../rule';
import type { TextEdit } from '../../types';

/**
 * A field the API takes as an integer (`runAsUser`, `containerPort`, `replicas`…) written as a
 * string or a boolean. sigs.k8s.io/yaml turns the manifest into JSON with go-yaml v2, which reads
 * `"1000"` and YAML 1.1's base-60 `1:00` as strings, and the decoder then refuses the whole object
 * (`json: cannot unmarshal string into Go struct field … of type int64`); a custom resource's
 * schema refuses it the same way. `intOrString` fields (`targetPort`, a probe's `port`) are not
 * among these. Its sibling `boolean-field-not-a-boolean` covers the boolean fields; both walk the
 * fields `kubernetes/typedFields.ts` knows.
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
      for (const field of typedFieldsOf(object)) if (field.type !== 'bool') report(context, field);
    }
  },
});

function report(context: KubernetesContext, field: TypedField): void {
  const { isScalar } = yamlLibrary();
  const { node, pair, key } = field;
  if (!isScalar(node) || node.range === undefined || node.range === null) return;
  const value = node.value;
  if (typeof value !== 'string' && typeof value !== 'boolean') return;
  const written = context.text.slice(node.range[0], node.range[1]);
  const what = describe(node as Scalar, written);
  const digits = typeof value === 'string' && /^[-+]?\d+$/.test(value) && node.type !== 'PLAIN' ? value.replace(/^\+/, '') : null;
  const edits: TextEdit[] = digits !== null && pair ? replacePairValue(context, pair, digits) : digits !== null ? [{ range: context.rangeOf(node), newText: digits }] : [];
  context.report({
    range: pair ? context.rangeOfPair(pair) : context.rangeOf(node),
    message: `${key}: ${written} in ${objectLabel(field.object)} is ${what}, not a number: the API server rejects the object (${rejectionOf(field, typeof value === 'string' ? 'string' : 'bool')})`,
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

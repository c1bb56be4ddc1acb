import { defineRule } from '../../rule';
import { allLabels, labelValueProblem } from '../../dockerfile/labels';

/**
 * hadolint DL3051–DL3056 and DL3058: a label the `labelSchema` names has an empty value or one
 * not in the schema's format (url, rfc3339, spdx, hash, semver, email). One rule, since it is one
 * check with the format as a parameter; the message names which.
 */
export default defineRule({
  meta: {
    id: 'label-value-invalid',
    title: 'Label value is empty or not in the format the label schema asks',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'] },
    fixable: false,
    rationale:
      'A label schema (`labelSchema` in `.seaworthy.yaml`, like hadolint\'s `label-schema`) gives each label a format: `url`, `rfc3339` (a date and time), `spdx` (a licence identifier or expression), `hash` (a full git commit), `semver`, `email` or `text`. Tools parse those values: a licence scanner needs `Apache-2.0`, not `Apache 2`; a provenance check needs the full commit, not a branch name. An empty value is as good as none. A value with a variable (`revision=$GIT_SHA`) is only known at build time and is not judged, where hadolint reads the text as written. Silent without a schema.',
    compliant: {
      fileName: 'Dockerfile',
      config: 'labelSchema:\n  org.opencontainers.image.licenses: spdx\n  org.opencontainers.image.revision: hash\n',
      text: 'FROM alpine:3.21\nARG GIT_SHA\nLABEL org.opencontainers.image.licenses="Apache-2.0 OR MIT" \\\n      org.opencontainers.image.revision=$GIT_SHA\nUSER 1000\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      config: 'labelSchema:\n  org.opencontainers.image.licenses: spdx\n  org.opencontainers.image.revision: hash\n',
      text: 'FROM alpine:3.21\nLABEL org.opencontainers.image.licenses="Apache 2" \\\n      org.opencontainers.image.revision=main\nUSER 1000\n',
    },
  },
  check(context) {
    const schema = context.settings.labelSchema ?? {};
    for (const label of allLabels(context.dockerfile)) {
      const type = Object.hasOwn(schema, label.key) ? schema[label.key] : undefined;
      if (!type) continue;
      const problem = labelValueProblem(type, label.value);
      if (!problem) continue;
      const range = label.property.getValueRange() ?? label.range;
      context.report({ range, message: `Label "${label.key}" ${problem === 'is empty' ? 'is empty' : `value "${label.value}" ${problem}`} (the label schema asks for ${type})` });
    }
  },
});

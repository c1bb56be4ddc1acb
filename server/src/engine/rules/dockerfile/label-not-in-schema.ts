import { defineRule } from '../../rule';
import { allLabels } from '../../dockerfile/labels';

/** hadolint DL3050: with `strictLabels`, a LABEL key the `labelSchema` does not name. */
export default defineRule({
  meta: {
    id: 'label-not-in-schema',
    title: 'Label not in the label schema (strictLabels)',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3050'] },
    fixable: false,
    rationale:
      'With `strictLabels: true` beside a `labelSchema` (hadolint\'s `strict-labels`), the schema is the whole list of labels the team allows: a key it does not name is usually a typo of one it does (`org.opencontainers.image.sources`) or a label nobody reads. Add the key to the schema or remove the label. Silent without `strictLabels` or without a schema.',
    compliant: {
      fileName: 'Dockerfile',
      config: 'labelSchema:\n  org.opencontainers.image.source: url\nstrictLabels: true\n',
      text: 'FROM alpine:3.21\nLABEL org.opencontainers.image.source="https://github.com/acme/app"\nUSER 1000\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      config: 'labelSchema:\n  org.opencontainers.image.source: url\nstrictLabels: true\n',
      text: 'FROM alpine:3.21\nLABEL org.opencontainers.image.sources="https://github.com/acme/app"\nUSER 1000\n',
    },
  },
  check(context) {
    const schema = context.settings.labelSchema ?? {};
    const keys = Object.keys(schema);
    if (!context.settings.strictLabels || keys.length === 0) return;
    for (const label of allLabels(context.dockerfile)) {
      if (Object.hasOwn(schema, label.key)) continue;
      const near = keys.find((k) => k.toLowerCase() === label.key.toLowerCase());
      context.report({ range: label.range, message: `Label "${label.key}" is not in the label schema (strictLabels)${near ? `; did you mean "${near}"?` : `; the schema names ${keys.join(', ')}`}` });
    }
  },
});

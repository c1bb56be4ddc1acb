import { defineRule } from '../../rule';

/** BuildKit StageNameCasing. BuildKit matches stage names case-insensitively, so lower-casing the name alone keeps every reference working. */
export default defineRule({
  meta: {
    id: 'stage-name-casing',
    title: 'Stage name is not lowercase',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'strict',
    refs: { buildkit: ['StageNameCasing'] },
    fixable: true,
    rationale:
      'BuildKit compares stage names case-insensitively but image references must be lowercase, so `FROM base AS Builder` followed by `FROM builder` works while reading like two different names, and `--target Builder` and `--target builder` select the same stage. Lowercase names avoid the doubt. A matter of style, so the rule is in the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25 AS builder\nFROM scratch\nCOPY --from=builder /out/app /app\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25 AS Builder\nFROM scratch\nCOPY --from=Builder /out/app /app\n' },
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      const name = stage.from.getBuildStage();
      const range = stage.from.getBuildStageRange();
      if (!name || !range || name === name.toLowerCase()) continue;
      context.report({
        range,
        message: `stage name ${name} is not lowercase; write ${name.toLowerCase()}`,
        fix: { title: `Rename the stage ${name.toLowerCase()}`, edits: [{ range, newText: name.toLowerCase() }] },
      });
    }
  },
});

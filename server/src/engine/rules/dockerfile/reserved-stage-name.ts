import { defineRule } from '../../rule';

/** Names BuildKit gives a meaning of their own. */
const RESERVED = new Set(['scratch', 'context']);

/** hadolint DL3063 and BuildKit ReservedStageName. */
export default defineRule({
  meta: {
    id: 'reserved-stage-name',
    title: 'Stage named after a reserved word',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3063'], buildkit: ['ReservedStageName'] },
    fixable: false,
    rationale:
      '`scratch` is the empty image and `context` the build context: `FROM scratch` and `COPY --from=context` already mean those, so a stage with either name is shadowed or shadows them, and which one a reference picks depends on the builder. Name the stage after what it does.',
    compliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.22 AS base\nFROM base\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.22 AS scratch\nFROM scratch\n' },
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      const range = stage.from.getBuildStageRange();
      if (!stage.name || !range || !RESERVED.has(stage.name)) continue;
      context.report({ range, message: `${stage.from.getBuildStage()} is a reserved name (${stage.name === 'scratch' ? 'the empty image' : 'the build context'}); name the stage after what it does` });
    }
  },
});

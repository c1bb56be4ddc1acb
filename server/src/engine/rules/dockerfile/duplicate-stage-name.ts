import { defineRule } from '../../rule';

/** hadolint DL3024, BuildKit DuplicateStageName, Trivy DS-0012; names compared case-insensitively, as BuildKit does. */
export default defineRule({
  meta: {
    id: 'duplicate-stage-name',
    title: 'Stage name used twice',
    defaultSeverity: 'error',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3024'], buildkit: ['DuplicateStageName'], trivy: ['DS-0012'], checkov: ['CKV_DOCKER_11'] },
    fixable: false,
    rationale:
      'Two stages with the same name make `COPY --from=name`, `FROM name` and `--target name` ambiguous: BuildKit refuses the Dockerfile, and older builders silently used one of them. Give each stage its own name.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24 AS deps\nFROM node:24 AS build\nFROM node:24-slim\nCOPY --from=build /app /app\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24 AS build\nFROM node:24 AS build\nFROM node:24-slim\nCOPY --from=build /app /app\n' },
  },
  check(context) {
    const seen = new Map<string, number>();
    for (const stage of context.dockerfile.stages) {
      const range = stage.from.getBuildStageRange();
      if (stage.name === null || !range) continue;
      const first = seen.get(stage.name);
      if (first === undefined) {
        seen.set(stage.name, stage.from.getRange().start.line);
        continue;
      }
      context.report({ range, message: `stage name ${stage.from.getBuildStage()} is already used on line ${first + 1}; stage names must be unique` });
    }
  },
});

import { Copy } from 'dockerfile-ast';
import { fromFlagOf } from '../../dockerfile/copyFrom';
import { defineRule } from '../../rule';

/** hadolint DL3023 and Trivy DS-0006: `COPY --from` naming the stage it is in (by name or index). */
export default defineRule({
  meta: {
    id: 'copy-from-own-stage',
    title: 'COPY --from names its own stage',
    defaultSeverity: 'error',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3023'], trivy: ['DS-0006'] },
    fixable: false,
    rationale:
      'A stage cannot copy from itself: `COPY --from=build` inside the stage named `build` makes BuildKit fail with a circular dependency (older builders looked for an image of that name on the registry instead). Copy from the stage that produced the files, or use a plain COPY from the build context.',
    compliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25 AS build\nCOPY --from=build /out/app /app\n' },
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Copy)) continue;
        const flag = fromFlagOf(instruction);
        const value = flag?.getValue()?.toLowerCase();
        if (!flag || !value || (value !== stage.name && value !== String(stage.index))) continue;
        context.report({ range: flag.getRange(), message: `COPY --from=${flag.getValue()} names the stage it is in; a stage cannot copy from itself` });
      }
    }
  },
});

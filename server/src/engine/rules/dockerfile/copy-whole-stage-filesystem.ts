import { Copy } from 'dockerfile-ast';
import { fromFlagOf } from '../../dockerfile/copyFrom';
import { defineRule } from '../../rule';

/** hadolint DL3067: `COPY --from=<stage or image> / …` copies a whole root file system. */
export default defineRule({
  meta: {
    id: 'copy-whole-stage-filesystem',
    title: 'COPY --from copies a whole file system',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    refs: { hadolint: ['DL3067'] },
    fixable: false,
    rationale:
      'Copying `/` from another stage brings its whole file system into this image: the compilers, package manager, caches, shell and setuid binaries of the build stage, and any secret a build step left on disk. That undoes the point of a multi-stage build and enlarges the attack surface. Copy only the paths the application needs (`COPY --from=build /out/app /app`).',
    compliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build / /\n' },
  },
  check(context) {
    for (const instruction of context.dockerfile.ast.getInstructions()) {
      if (!(instruction instanceof Copy) || !fromFlagOf(instruction)) continue;
      const args = instruction.getArguments();
      for (const source of args.slice(0, -1)) {
        const value = source.getValue().replace(/^(["'])(.*)\1$/, '$2');
        if (!/^\/+(?:\.\/*)?$/.test(value)) continue;
        context.report({
          range: source.getRange(),
          message: `COPY --from=${fromFlagOf(instruction)?.getValue() ?? ''} / copies the stage's whole file system (toolchain, caches, shell); copy only the paths the application needs`,
        });
      }
    }
  },
});

import { Copy } from 'dockerfile-ast';
import { earlierStage, fromFlagOf } from '../../dockerfile/copyFrom';
import { expandArgs, parseImageReference } from '../../../parse/dockerfileModel';
import { defineRule } from '../../rule';

/**
 * hadolint DL3022, with its exemption for images kept and made exact: `--from` is judged as
 * BuildKit reads it. An earlier stage's name or index is fine; a value that is clearly an image
 * (a tag, a digest, a registry or a path: `nginx:1.27`, `ghcr.io/org/tool`) is fine, since
 * `COPY --from=<image>` names an image (hadolint#859). What is left is a bare word that is no
 * earlier stage: BuildKit pulls an image of that name from Docker Hub (`:latest`), which is a
 * typo or a forward reference far more often than a wish, so it is reported. An index that is
 * not an earlier stage is an error too. A value decided by an unset `ARG` is left alone.
 */
export default defineRule({
  meta: {
    id: 'copy-from-unknown-stage',
    title: 'COPY --from names no earlier stage',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    refs: { hadolint: ['DL3022'] },
    fixable: false,
    rationale:
      '`COPY --from=<name>` copies from an earlier stage of that name; when there is none, BuildKit takes the name as an image and pulls `<name>:latest` from Docker Hub. A misspelt stage name (`--from=biuld`) or a stage defined further down therefore copies files from whatever image happens to carry that name, an untagged and unreviewed supply-chain input, instead of failing. Name an earlier stage, or write an image with its tag (`--from=nginx:1.27`) when an image is meant. Unlike hadolint, an image written with a registry, a path, a tag or a digest is never reported.',
    compliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nCOPY --from=docker.io/library/busybox:1.37 /bin/busybox /busybox\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=biuld /out/app /app\n' },
  },
  check(context) {
    const model = context.dockerfile;
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Copy)) continue;
        const flag = fromFlagOf(instruction);
        const written = flag?.getValue();
        if (!flag || !written) continue;
        const value = expandArgs(written, model.globalArgs);
        if (value === null || value === '') continue;
        const lower = value.toLowerCase();
        if (earlierStage(model, stage, value, true)) continue;
        if (/^\d+$/.test(value)) {
          const allowed = stage.index === 0 ? 'the first stage has no earlier stage to copy from' : `only the stages before this one (0 to ${stage.index - 1}) can be copied from`;
          context.report({ range: flag.getRange(), message: `COPY --from=${value} names stage index ${value}, but ${allowed}` });
          continue;
        }
        // `--from=own-name` is copy-from-own-stage's finding.
        if (lower === stage.name) continue;
        if (/[:/@]/.test(value) || !parseImageReference(value)) continue;
        const later = model.stages.some((s) => s.index > stage.index && s.name === lower);
        context.report({
          range: flag.getRange(),
          message: later
            ? `COPY --from=${value} names a stage defined further down; BuildKit only copies from earlier stages and pulls the image ${value}:latest instead. Move the stage up`
            : `COPY --from=${value} names no earlier stage, so BuildKit pulls the image ${value}:latest from Docker Hub; fix the stage name, or write the image with its tag`,
        });
      }
    }
  },
});

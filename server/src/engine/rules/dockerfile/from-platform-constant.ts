import { defineRule } from '../../rule';

/**
 * BuildKit FromPlatformFlagConstDisallowed and hadolint DL3029. hadolint reports every
 * `--platform` except `$BUILDPLATFORM`/`$TARGETPLATFORM`; this rule follows BuildKit and reports
 * only constant values: a variable (`--platform=$BUILDPLATFORM`, a build argument) is how
 * cross-building is meant to be written.
 */
export default defineRule({
  meta: {
    id: 'from-platform-constant',
    title: 'FROM --platform with a constant value',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'strict',
    refs: { hadolint: ['DL3029'], buildkit: ['FromPlatformFlagConstDisallowed'] },
    fixable: false,
    rationale:
      '`FROM --platform=linux/amd64 …` pins a stage to one architecture whatever `docker build --platform` asks for: on an arm64 machine the image is built for amd64 and runs emulated, or a multi-platform build silently produces amd64 layers for every platform. Use `--platform=$BUILDPLATFORM` for stages that run build tools and leave the others to the requested platform. Some builds pin on purpose (a tool only published for amd64), hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM --platform=$BUILDPLATFORM golang:1.25 AS build\nFROM gcr.io/distroless/static-debian13\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM --platform=linux/amd64 golang:1.25 AS build\nFROM gcr.io/distroless/static-debian13\n' },
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      const flag = stage.from.getPlatformFlag();
      const value = flag?.getValue();
      if (!flag || !value || value.includes('$')) continue;
      context.report({
        range: flag.getRange(),
        message: `FROM --platform=${value} builds this stage for ${value} whatever platform the build asks for; use $BUILDPLATFORM or leave it out`,
      });
    }
  },
});

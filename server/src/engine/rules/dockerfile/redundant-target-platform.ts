import { defineRule } from '../../rule';

/** hadolint DL3065 and BuildKit RedundantTargetPlatform. The fix removes the flag. */
export default defineRule({
  meta: {
    id: 'redundant-target-platform',
    title: 'FROM --platform=$TARGETPLATFORM is redundant',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3065'], buildkit: ['RedundantTargetPlatform'] },
    fixable: true,
    rationale:
      'A stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` says nothing, and it reads like the `--platform=$BUILDPLATFORM` that cross-compiling stages need, hiding which stages run on the build machine. Removing it changes nothing in the build.',
    compliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.22\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM --platform=$TARGETPLATFORM alpine:3.22\n' },
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      const flag = stage.from.getPlatformFlag();
      const value = flag?.getValue();
      if (!flag || (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}')) continue;
      const start = flag.getRange().start;
      const next = stage.from.getArguments()[0]?.getRange().start ?? flag.getRange().end;
      context.report({
        range: flag.getRange(),
        message: 'FROM --platform=$TARGETPLATFORM is what the stage does anyway; remove it',
        fix: { title: 'Remove --platform=$TARGETPLATFORM', edits: [{ range: { start, end: next }, newText: '' }] },
      });
    }
  },
});

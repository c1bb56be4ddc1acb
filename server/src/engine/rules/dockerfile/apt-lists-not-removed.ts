import { finalChain } from '../../dockerfile/finalImage';
import { aptUpdate, removesAptLists } from '../../dockerfile/packageManagers';
import { hasCacheMountOver } from '../../dockerfile/runMounts';
import { appendCommand } from '../../dockerfile/runEdits';
import { defineRule } from '../../rule';

const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

/**
 * hadolint DL3009, with its exemptions: a RUN that mounts a cache or tmpfs over
 * /var/lib/apt/lists (or over both /var/lib/apt and /var/cache/apt) leaves nothing behind, and
 * only stages in the final image's chain are judged. Unlike hadolint, which accepts any
 * `rm -rf`, the lists must be what is removed.
 */
export default defineRule({
  meta: {
    id: 'apt-lists-not-removed',
    title: 'apt package lists left in the image',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    refs: { hadolint: ['DL3009'] },
    fixable: true,
    rationale:
      '`apt-get update` downloads the package lists of every configured repository into /var/lib/apt/lists, often tens of megabytes. A layer keeps whatever its RUN leaves behind, and a later RUN that deletes them cannot shrink it, so remove them in the same RUN that updated them (or mount a cache there with `RUN --mount=type=cache,target=/var/lib/apt/lists`). Stale lists in an image also tempt a later `apt-get install` without `update` to fetch versions that no longer exist.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM debian:12-slim\nRUN apt-get update \\\n  && apt-get install -y --no-install-recommends curl \\\n  && rm -rf /var/lib/apt/lists/*\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM debian:12-slim\nRUN apt-get update \\\n  && apt-get install -y --no-install-recommends curl\n',
    },
  },
  check(context) {
    const shipped = new Set(finalChain(context.dockerfile));
    for (const run of context.dockerfile.runs()) {
      if (!shipped.has(run.stage)) continue;
      const commands = run.script.commands;
      const update = commands.find((c) => aptUpdate(c));
      if (!update || commands.some(removesAptLists)) continue;
      if (hasCacheMountOver(run.run, '/var/lib/apt/lists') || (hasCacheMountOver(run.run, '/var/lib/apt') && hasCacheMountOver(run.run, '/var/cache/apt'))) continue;
      const edit = appendCommand(run, CLEANUP);
      context.report({
        range: run.range(update.start, update.end),
        message: `apt-get update leaves the package lists in this layer; remove them in the same RUN (${CLEANUP})`,
        ...(edit ? { fix: { title: `Add ${CLEANUP}`, edits: [edit] } } : {}),
      });
    }
  },
});

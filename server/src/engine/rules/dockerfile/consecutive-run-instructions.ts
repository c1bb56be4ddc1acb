import { Run } from 'dockerfile-ast';
import { defineRule } from '../../rule';

/** The RUN's flags as written (`--mount=…`, `--network=…`), sorted: RUNs with different flags cannot merge. */
function flagsKey(run: Run): string {
  return run.getFlags().map((flag) => `${flag.getName()}=${flag.getValue() ?? ''}`).sort().join(' ');
}

/**
 * hadolint DL3059: a RUN right after another RUN of the same stage. Comments between them do not
 * separate them; RUNs with different flags (`--mount`, `--network`, `--security`) are exempt,
 * since they cannot be merged, and so are exec-form and heredoc RUNs.
 */
export default defineRule({
  meta: {
    id: 'consecutive-run-instructions',
    title: 'Consecutive RUN instructions',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    profile: 'all',
    refs: { hadolint: ['DL3059'] },
    fixable: false,
    rationale:
      'Each RUN makes a layer, and a file a later RUN deletes still takes space in the earlier layer. Joining consecutive RUNs with `&&` (or one `RUN <<EOF` script) makes one layer, in which a cleanup actually shrinks the image. Separate RUNs can be the better choice for build caching, so this is advice in the `all` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\n' },
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      stage.instructions.forEach((instruction, index) => {
        const previous = stage.instructions[index - 1];
        if (!(instruction instanceof Run) || !(previous instanceof Run)) return;
        if (instruction.getJSONStrings().length > 0 || previous.getJSONStrings().length > 0) return;
        if (instruction.getHeredocs().length > 0 || previous.getHeredocs().length > 0) return;
        if (flagsKey(instruction) !== flagsKey(previous)) return;
        context.report({
          range: instruction.getInstructionRange(),
          message: `RUN right after the RUN on line ${previous.getRange().start.line + 1}: join them with && to make one layer`,
        });
      });
    }
  },
});

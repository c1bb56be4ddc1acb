import { deleteInstructionLines } from '../../dockerfile/instructionEdits';
import { defineRule } from '../../rule';

/** Instructions of which a stage keeps only the last. */
const LAST_ONE_WINS = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

/**
 * BuildKit MultipleInstructionsDisallowed, which hadolint and Trivy split by instruction
 * (DL4003/DS-0016 CMD, DL4004/DS-0007 ENTRYPOINT, DL3012/DS-0023 HEALTHCHECK). Per stage, as
 * all three count. The fix deletes the instructions that have no effect.
 */
export default defineRule({
  meta: {
    id: 'instruction-repeated-in-stage',
    title: 'CMD, ENTRYPOINT or HEALTHCHECK repeated in a stage',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL4003', 'DL4004', 'DL3012'], buildkit: ['MultipleInstructionsDisallowed'], trivy: ['DS-0016', 'DS-0007', 'DS-0023'] },
    fixable: true,
    rationale:
      'A stage keeps only its last `CMD`, `ENTRYPOINT` and `HEALTHCHECK`: the earlier ones are silently discarded, so a reader who stops at the first one is misled about what the container runs. Keep the one that takes effect.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nCMD ["node", "server.js"]\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nCMD ["npm", "start"]\nCMD ["node", "server.js"]\n' },
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      for (const keyword of LAST_ONE_WINS) {
        const found = stage.instructions.filter((i) => i.getKeyword() === keyword);
        const last = found[found.length - 1];
        for (const instruction of found.slice(0, -1)) {
          context.report({
            range: instruction.getInstructionRange(),
            message: `only the last ${keyword} of a stage takes effect (line ${(last?.getRange().start.line ?? 0) + 1}); this one is discarded`,
            fix: { title: `Remove the discarded ${keyword}`, edits: [deleteInstructionLines(context.lines, instruction)] },
          });
        }
      }
    }
  },
});

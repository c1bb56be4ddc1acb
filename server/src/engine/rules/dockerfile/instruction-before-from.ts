import { defineRule } from '../../rule';

/** hadolint DL3061: only ARG (and parser directives and comments) may come before the first FROM. */
export default defineRule({
  meta: {
    id: 'instruction-before-from',
    title: 'Instruction before the first FROM',
    defaultSeverity: 'error',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3061'] },
    fixable: false,
    rationale:
      'A Dockerfile starts its first stage with FROM; before it only ARG instructions (whose values FROM may use), comments and parser directives may appear. Any other instruction there has no stage to belong to and the build fails. Move it after the FROM it belongs to.',
    compliant: { fileName: 'Dockerfile', text: 'ARG NODE_VERSION=24\nFROM node:${NODE_VERSION}-slim\nENV NODE_ENV=production\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'ENV NODE_ENV=production\nFROM node:24-slim\n' },
  },
  check(context) {
    for (const instruction of context.dockerfile.ast.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword === 'FROM') return;
      if (keyword === 'ARG') continue;
      context.report({
        range: instruction.getInstructionRange(),
        message: `${instruction.getInstruction()} before the first FROM: only ARG may come before it; move it into a stage`,
      });
    }
  },
});

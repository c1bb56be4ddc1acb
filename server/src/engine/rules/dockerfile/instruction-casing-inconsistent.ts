import { defineRule } from '../../rule';

/**
 * BuildKit ConsistentInstructionCasing: instructions written in both upper and lower case. The
 * majority wins (upper case on a tie, as BuildKit prefers); mixed-case keywords (`Run`) are always
 * reported. The fix rewrites the keyword.
 */
export default defineRule({
  meta: {
    id: 'instruction-casing-inconsistent',
    title: 'Instructions in mixed case',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'strict',
    refs: { buildkit: ['ConsistentInstructionCasing'] },
    fixable: true,
    rationale:
      'Instruction keywords are case-insensitive, but a file that mixes `RUN` and `run` is harder to scan, and tools that grep for instructions miss the odd ones. BuildKit asks for one casing throughout; the fix writes each keyword in the casing most of the file uses. Style only, hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN echo hello\nCMD ["bash"]\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nrun echo hello\nCMD ["bash"]\n' },
  },
  check(context) {
    const instructions = context.dockerfile.ast.getInstructions();
    let upper = 0;
    let lower = 0;
    for (const instruction of instructions) {
      const written = instruction.getInstruction();
      if (written === written.toUpperCase()) upper++;
      else if (written === written.toLowerCase()) lower++;
    }
    const wantUpper = upper >= lower;
    for (const instruction of instructions) {
      const written = instruction.getInstruction();
      const wanted = wantUpper ? written.toUpperCase() : written.toLowerCase();
      if (written === wanted) continue;
      const range = instruction.getInstructionRange();
      context.report({
        range,
        message: `'${written}' is not in the ${wantUpper ? 'upper' : 'lower'} case the rest of the file uses; write ${wanted}`,
        fix: { title: `Write ${wanted}`, edits: [{ range, newText: wanted }] },
      });
    }
  },
});

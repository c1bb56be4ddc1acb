import { Shell } from 'dockerfile-ast';
import type { Stage } from '../../../parse/dockerfileModel';
import { execWords } from '../../dockerfile/execForm';
import { defineRule } from '../../rule';

/** A SHELL instruction in the stage or the stages it is built on: shell form is then a choice (BuildKit's exemption). */
function setsShell(stage: Stage): boolean {
  for (let s: Stage | null = stage; s; s = s.base.stage) if (s.instructions.some((i) => i instanceof Shell)) return true;
  return false;
}

/**
 * hadolint DL3025 and BuildKit JSONArgsRecommended, for CMD and ENTRYPOINT (hadolint also reads
 * HEALTHCHECK CMD, whose process receives no stop signal; left out here). As BuildKit, a stage
 * that sets SHELL is exempt. The fix rewrites only commands that are plain words; one that uses
 * the shell (variables, `&&`, pipes, redirects) is reported without a fix.
 */
export default defineRule({
  meta: {
    id: 'cmd-shell-form',
    title: 'CMD or ENTRYPOINT in shell form',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3025'], buildkit: ['JSONArgsRecommended'] },
    fixable: true,
    rationale:
      'Shell form (`CMD node server.js`) runs `/bin/sh -c "node server.js"`: the shell is PID 1, and it does not pass `SIGTERM` on to the program, so `docker stop` and Kubernetes wait out the grace period and kill it without a clean shutdown; an ENTRYPOINT in shell form also ignores the arguments given to `docker run`. Exec form (`CMD ["node", "server.js"]`) runs the program itself.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nCMD ["node", "server.js"]\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nCMD node server.js\n' },
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      if (setsShell(stage)) continue;
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
        const form = execWords(instruction);
        if ('words' in form && form.edit === null) continue;
        const edit = 'words' in form ? form.edit : null;
        context.report({
          range: instruction.getInstructionRange(),
          message: `${keyword} in shell form runs under /bin/sh -c, which does not pass stop signals to the program; use exec form${edit ? '' : ' (this one uses shell features: decide what the program and its arguments are)'}`,
          ...(edit ? { fix: { title: `Use exec form: ${keyword} ${edit.newText}`, edits: [edit] } } : {}),
        });
      }
    }
  },
});

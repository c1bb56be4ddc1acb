import { Onbuild } from 'dockerfile-ast';
import { defineRule } from '../../rule';

const FORBIDDEN = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

/** hadolint DL3043: `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`. */
export default defineRule({
  meta: {
    id: 'onbuild-forbidden-trigger',
    title: 'ONBUILD with ONBUILD, FROM or MAINTAINER',
    defaultSeverity: 'error',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3043'] },
    fixable: false,
    rationale:
      'ONBUILD records an instruction to run when another image is built FROM this one. The builder refuses `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`, but only when that later build runs, so the mistake ships in the image and breaks whoever builds on it. Put the instruction in the downstream Dockerfile instead.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nONBUILD COPY package.json /app/\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nONBUILD FROM node:24-slim\n' },
  },
  check(context) {
    for (const instruction of context.dockerfile.ast.getInstructions()) {
      if (!(instruction instanceof Onbuild)) continue;
      const trigger = instruction.getTrigger()?.toUpperCase();
      const range = instruction.getTriggerRange();
      if (!trigger || !range || !FORBIDDEN.has(trigger)) continue;
      context.report({ range, message: `ONBUILD ${trigger} is not allowed: the build of every image FROM this one fails on it` });
    }
  },
});

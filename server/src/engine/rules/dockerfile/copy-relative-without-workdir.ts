import { Copy, Workdir } from 'dockerfile-ast';
import { copyArguments } from '../../dockerfile/copyArguments';
import { defineRule } from '../../rule';

/**
 * hadolint DL3045: COPY to a relative destination in a stage (or the stages it is built FROM)
 * without a WORKDIR before it. Absolute, variable and Windows drive destinations are exempt,
 * as in hadolint.
 */
export default defineRule({
  meta: {
    id: 'copy-relative-without-workdir',
    title: 'COPY to a relative path without WORKDIR',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3045'] },
    fixable: false,
    rationale:
      'A relative COPY destination is resolved against the working directory, which, when the Dockerfile has not set one, is whatever the base image chose (often `/`). The files then land somewhere else when the base image changes, or are scattered over the root of the file system. Set `WORKDIR /app` first, or copy to an absolute path.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nWORKDIR /app\nCOPY package.json ./\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nCOPY package.json ./\n' },
  },
  check(context) {
    const hasWorkdir = new Map<number, boolean>();
    for (const stage of context.dockerfile.stages) {
      let workdir = stage.base.stage ? (hasWorkdir.get(stage.base.stage.index) ?? false) : false;
      for (const instruction of stage.instructions) {
        if (instruction instanceof Workdir) workdir = true;
        if (workdir || !(instruction instanceof Copy)) continue;
        const args = copyArguments(instruction);
        const destination = args.at(-1);
        if (!destination || args.length < 2) continue;
        const path = destination.value;
        if (path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:/.test(path)) continue;
        context.report({
          range: destination.range,
          message: `COPY to ${path}, a path relative to whatever working directory the base image set; set WORKDIR first or copy to an absolute path`,
        });
      }
      hasWorkdir.set(stage.index, workdir);
    }
  },
});

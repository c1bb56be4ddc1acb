import { Workdir } from 'dockerfile-ast';
import { defineRule } from '../../rule';

function unquoted(path: string): string {
  return /^(["']).*\1$/.test(path) ? path.slice(1, -1) : path;
}

/** Absolute on Linux (`/app`) or Windows (`C:\app`, `c:/app`), or decided by a variable. */
function isAbsoluteOrVariable(path: string): boolean {
  return path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:/.test(path);
}

/** `base` + `relative` as a POSIX path, with `.` and `..` segments resolved. */
function joinPath(base: string, relative: string): string {
  const parts: string[] = [];
  for (const segment of `${base}/${relative}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return `/${parts.join('/')}`;
}

/**
 * hadolint DL3000, BuildKit WorkdirRelativePath and Trivy DS-0009, with hadolint's exemptions
 * (a path starting with a variable, Windows drive paths). Reported as hadolint reports it, for
 * every relative WORKDIR; BuildKit's narrower case (no absolute WORKDIR earlier in the stage)
 * is the one without a fix. The fix resolves the path against the stage's previous absolute
 * WORKDIR, which is exactly what BuildKit does with it.
 */
export default defineRule({
  meta: {
    id: 'workdir-relative',
    title: 'Relative WORKDIR',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3000'], buildkit: ['WorkdirRelativePath'], trivy: ['DS-0009'], checkov: ['CKV_DOCKER_10'] },
    fixable: true,
    rationale:
      'A relative WORKDIR is resolved against the directory the previous WORKDIR set, or, at the start of a stage, against whatever working directory the base image chose, so `WORKDIR app` lands somewhere else when the base image changes. An absolute path says where the files go whatever the base.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nWORKDIR /usr/src/app\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nWORKDIR /usr/src\nWORKDIR app\n' },
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      let current: string | null = null;
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Workdir)) continue;
        const argument = instruction.getArguments()[0];
        if (!argument || instruction.getArguments().length !== 1) continue;
        const path = unquoted(argument.getValue());
        if (isAbsoluteOrVariable(path)) {
          current = path.startsWith('/') && !path.includes('$') ? path : null;
          continue;
        }
        const resolved = current === null ? null : joinPath(current, path);
        context.report({
          range: argument.getRange(),
          message: resolved
            ? `WORKDIR ${path} is relative; write the directory it resolves to, ${resolved}`
            : `WORKDIR ${path} is relative to whatever working directory the base image sets; use an absolute path`,
          ...(resolved ? { fix: { title: `Use WORKDIR ${resolved}`, edits: [{ range: argument.getRange(), newText: resolved }] } } : {}),
        });
        current = resolved;
      }
    }
  },
});

import { Run, type User } from 'dockerfile-ast';
import { finalStage, type ImageReference, type Stage } from '../../../parse/dockerfileModel';
import { isWindowsImage, nonRootUserFor, runsAsNonRootByDefault, type NonRootUserChoice } from '../../dockerfile/nonRootBaseImages';
import { insertLineInStage, keywordInCaseOf } from '../../dockerfile/stageEdits';
import { effectiveUser } from '../../dockerfile/stageUser';
import type { DockerfileContext } from '../../rule';
import { defineRule } from '../../rule';
import type { Fix, Range } from '../../types';

/**
 * Only the final stage becomes the image, so only its user matters: builder stages may run as
 * root (hadolint#405, #1014). The user is found the way BuildKit finds it: the last `USER` of the
 * final stage, else of the stage it is built `FROM`, else the base image's own user; images known
 * to run non-root (distroless `:nonroot`, Chainguard and DHI runtime images, nginx-unprivileged)
 * need no `USER` (prometheus/alertmanager#5258). A base image behind an ARG without a default is
 * unknowable and stays silent, and so do Windows images, which have no root user.
 *
 * The fix switches to a non-root user the base image is known to ship (see `nonRootUserFor`),
 * else UID 10001. An explicit root `USER` is rewritten in place, unless a `RUN` follows it in
 * the stage (that RUN may need root): then, as for the implicit case, a `USER` line is inserted
 * before the trailing CMD/ENTRYPOINT instructions, or at the end of the stage.
 */
export default defineRule({
  meta: {
    id: 'final-stage-runs-as-root',
    title: 'Final image runs as root',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'privilege',
    refs: { hadolint: ['DL3002'], cis: ['4.1'], trivy: ['DS-0002'], checkov: ['CKV_DOCKER_8', 'CKV_DOCKER_3'] },
    fixable: true,
    rationale:
      'A container whose process runs as root turns any code-execution bug into root inside the container, one kernel or runtime flaw away from root on the host, and lets the process rewrite its own binaries. The user an image runs as is the last `USER` of its final stage (or of the stage that stage is built from), else the base image\'s own user, which for most images is root. Builder stages may stay root; the final stage should switch to a non-root user, ideally a numeric UID so that Kubernetes `runAsNonRoot` can verify it, or build on an image that already runs non-root such as `gcr.io/distroless/static-debian13:nonroot`.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
    },
  },
  check(context) {
    const model = context.dockerfile;
    const stage = finalStage(model);
    if (!stage) return;
    const user = effectiveUser(model, stage);
    const choice = nonRootUserFor(imageOf(stage));
    if (user.kind === 'instruction') {
      if (!user.isRoot) return;
      if (user.stage === stage) {
        context.report({
          range: user.instruction.getRange(),
          message: `The final stage's last USER is ${describe(user.written, user.expanded)}, so the image runs as root; switch to a non-root user`,
          fix: explicitRootFix(context, stage, user.instruction, choice),
        });
        return;
      }
      context.report({
        range: fromRange(stage),
        message: `The final stage sets no USER and inherits USER ${describe(user.written, user.expanded)} from stage "${user.stage.name ?? user.stage.index}" (line ${user.instruction.getRange().start.line + 1}), so the image runs as root; add a USER with a non-root user`,
        fix: insertUserFix(context, stage, choice),
      });
      return;
    }
    if (!runsAsRoot(user.stage)) return;
    const image = user.base.resolved ?? user.base.written;
    context.report({
      range: fromRange(stage),
      message: `The final stage sets no USER, so the image runs as root, the default user of ${image}; add a USER with a non-root user`,
      fix: insertUserFix(context, stage, choice),
    });
  },
});

/** `${RUN_AS} (root)` when variables were substituted, else the user as written. */
function describe(written: string, expanded: string | null): string {
  return expanded === null || expanded === written ? written : `${written} (${expanded})`;
}

/** Whether a stage with no USER anywhere up its chain runs as root: decided by its base image. */
function runsAsRoot(stage: Stage): boolean {
  const base = stage.base;
  if (base.resolved === null) return false;
  if (base.resolved.toLowerCase() === 'scratch') return true;
  return base.reference !== null && !runsAsNonRootByDefault(base.reference) && !isWindowsImage(base.reference);
}

/** The image at the root of the stage's `FROM <stage>` chain (null for scratch or an unresolved ARG). */
function imageOf(stage: Stage): ImageReference | null {
  let current = stage;
  while (current.base.stage) current = current.base.stage;
  return current.base.reference;
}

/** `FROM [--platform=…] image`: the keyword through the image reference. */
function fromRange(stage: Stage): Range {
  return { start: stage.from.getRange().start, end: stage.base.range.end };
}

function explicitRootFix(context: DockerfileContext, stage: Stage, instruction: User, choice: NonRootUserChoice): Fix | undefined {
  const line = instruction.getRange().start.line;
  const runFollows = stage.instructions.some((i) => i instanceof Run && i.getRange().start.line > line);
  const args = instruction.getArguments();
  const first = args[0];
  const last = args[args.length - 1];
  if (runFollows || choice.create || !first || !last) return insertUserFix(context, stage, choice);
  return {
    title: `Switch to ${choice.description}`,
    edits: [{ range: { start: first.getRange().start, end: last.getRange().end }, newText: choice.user }],
  };
}

function insertUserFix(context: DockerfileContext, stage: Stage, choice: NonRootUserChoice): Fix | undefined {
  const lines = [...(choice.create ? [`${keywordInCaseOf(stage, 'RUN')} ${choice.create}`] : []), `${keywordInCaseOf(stage, 'USER')} ${choice.user}`];
  const edit = insertLineInStage(context.lines, stage, lines);
  return edit ? { title: `Add USER ${choice.user}: ${choice.description}`, edits: [edit] } : undefined;
}

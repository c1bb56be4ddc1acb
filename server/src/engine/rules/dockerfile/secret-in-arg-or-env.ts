import { Arg, Env, Run, type Instruction } from 'dockerfile-ast';
import type { Stage } from '../../../parse/dockerfileModel';
import type { LineIndex } from '../../../parse/lineIndex';
import { deleteInstructionLines } from '../../dockerfile/instructionEdits';
import { propertiesOf } from '../../../parse/properties';
import { defineRule } from '../../rule';
import { judgeSecret } from '../../secrets';
import type { Suggestion } from '../../types';

/** Whether an instruction's text refers to `$NAME` or `${NAME…}`. */
function refersTo(lines: LineIndex, instruction: Instruction, name: string): boolean {
  const { start, end } = instruction.getRange();
  const text = lines.text.slice(lines.offset(start), lines.offset(end));
  // Searched, not matched with a RegExp built from the name: the name is the user's text.
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const braced = before === '{' && text[at - 2] === '$';
    if ((before === '$' || braced) && !/[A-Za-z0-9_]/.test(text[at + name.length] ?? '')) return true;
  }
  return false;
}

/**
 * For a stage's `ARG NAME` without a default that exactly one later RUN of the stage uses: the
 * edit that turns it into a secret mount of that RUN (`RUN --mount=type=secret,id=name,env=NAME`,
 * so the RUN's `$NAME` reads the secret) and removes the ARG. A suggestion, not a fix: the build
 * must then be run with `--secret id=name,env=NAME`, so it never runs unattended.
 */
function secretMountSuggestion(lines: LineIndex, stage: Stage | undefined, arg: Arg, name: string): Suggestion | null {
  const properties = propertiesOf(arg);
  if (!stage || properties.length !== 1 || properties[0]?.getValue() !== null) return null;
  const after = stage.instructions.slice(stage.instructions.indexOf(arg) + 1);
  const users = after.filter((instruction) => refersTo(lines, instruction, name));
  const run = users[0];
  if (users.length !== 1 || !(run instanceof Run)) return null;
  const first = run.getFlags()[0] ?? run.getArguments()[0];
  if (!first) return null;
  const id = name.toLowerCase();
  const at = first.getRange().start;
  return {
    title: `Pass ${name} as a build secret: RUN --mount=type=secret,id=${id},env=${name} (build with --secret id=${id},env=${name})`,
    edits: [deleteInstructionLines(lines, arg), { range: { start: at, end: at }, newText: `--mount=type=secret,id=${id},env=${name} ` }],
  };
}

/**
 * Judges every property of a multi-property `ENV A=1 B_TOKEN=2` and of `ARG`, and the legacy
 * `ENV KEY value` form, by name and value (`judgeSecret`): a credential-shaped value fires under
 * any name, a plainly public value stays silent under a secret-looking name. Not fixable: the
 * secret has to move to a `RUN --mount=type=secret` (or to runtime configuration), which
 * changes how the build is run.
 */
export default defineRule({
  meta: {
    id: 'secret-in-arg-or-env',
    title: 'Secret in ARG or ENV',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'secrets',
    refs: { hadolint: ['DL3064'], buildkit: ['SecretsUsedInArgOrEnv'], cis: ['4.10'], trivy: ['DS-0031'] },
    fixable: false,
    rationale:
      'Build arguments and environment variables are stored in the image: `ENV` values in its config, `ARG` values in the build history that `docker history` prints, both readable by anyone who can pull the image. A password, token or key passed this way leaks with every copy of the image and cannot be rotated out of images already pushed. Mount it only into the RUN that needs it with `RUN --mount=type=secret,id=…` and `docker build --secret id=…`, or give it to the container at run time. Judged by value as well as name, unlike BuildKit and hadolint (which read the name only): a value in a well-known credential format (AWS access key id, GitHub, GitLab, Slack, npm, Google, Stripe tokens, a private-key PEM block, a JSON Web Token, a URL with a password) fires whatever the name; under a secret-looking name a plainly public value does not fire: an empty value, a `${VAR}` reference, a path such as `/run/secrets/db`, a URL without credentials, a public key or certificate, a boolean, and a GPG/PGP key fingerprint under a GPG/PGP name (`ENV GPG_KEYS …` in the official images). An `ARG` without a default is judged by its name, since its value arrives with `--build-arg` and is kept in the build history.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM node:22-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\nCMD ["node", "server.js"]\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM node:22-slim\nARG NPM_TOKEN\nRUN npm ci\nCMD ["node", "server.js"]\n',
    },
  },
  check(context) {
    let stageOf: Map<Instruction, Stage> | null = null;
    const stageOfArg = (arg: Arg): Stage | undefined => {
      stageOf ??= new Map(context.dockerfile.stages.flatMap((stage) => stage.instructions.map((i) => [i, stage] as [Instruction, Stage])));
      return stageOf.get(arg);
    };
    for (const instruction of context.dockerfile.ast.getInstructions()) {
      if (!(instruction instanceof Arg) && !(instruction instanceof Env)) continue;
      const keyword = instruction.getKeyword();
      for (const property of propertiesOf(instruction)) {
        const name = property.getName();
        const judgement = judgeSecret(name, property.getValue());
        if (!judgement.secret) continue;
        const what = judgement.kind === 'secret-name' ? `looks like a secret (${judgement.reason})` : `holds a secret (${judgement.reason})`;
        const suggestion = instruction instanceof Arg ? secretMountSuggestion(context.lines, stageOfArg(instruction), instruction, name) : null;
        context.report({
          ...(suggestion ? { suggestions: [suggestion] } : {}),
          range: property.getNameRange(),
          message: `${keyword} ${name} ${what}: ${keyword} values are kept in the image${keyword === 'ARG' ? "'s build history" : "'s config"}; pass it with RUN --mount=type=secret,id=${name.toLowerCase()} instead`,
        });
      }
    }
  },
});

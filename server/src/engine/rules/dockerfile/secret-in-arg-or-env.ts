import { Arg, Env } from 'dockerfile-ast';
import { defineRule } from '../../rule';

/** BuildKit's SecretsUsedInArgOrEnv deny words (frontend/dockerfile/dockerfile2llb/validations.go). */
const SECRET_WORDS = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token']);
/** A name with one of these words names something about a secret, not the secret itself. */
const ALLOWED_WORDS = new Set(['public', 'file', 'version']);

/**
 * The words of a variable name: `_`-delimited as BuildKit splits them, and camelCase split too,
 * so that `dbPassword` and `APIKey` are caught as well as `DB_PASSWORD` and `API_KEY`.
 */
export function nameWords(name: string): string[] {
  return name
    .split('_')
    .flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [])
    .map((word) => word.toLowerCase());
}

/** The deny word that makes `name` look like a secret, or null (also when an allow word exempts it). */
export function secretWordIn(name: string): string | null {
  const words = nameWords(name);
  if (words.some((w) => ALLOWED_WORDS.has(w))) return null;
  return words.find((w) => SECRET_WORDS.has(w)) ?? null;
}

/**
 * Judges names only, as BuildKit does: every property of a multi-property `ENV A=1 B_TOKEN=2`
 * and of `ARG`, and the legacy `ENV KEY value` form. Not fixable: the secret has to move to a
 * `RUN --mount=type=secret` (or to runtime configuration), which changes how the build is run.
 */
export default defineRule({
  meta: {
    id: 'secret-in-arg-or-env',
    title: 'Secret-looking name in ARG or ENV',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'secrets',
    refs: { hadolint: ['DL3064'], buildkit: ['SecretsUsedInArgOrEnv'], trivy: ['DS-0031'] },
    fixable: false,
    rationale:
      'Build arguments and environment variables are stored in the image: `ENV` values in its config, `ARG` values in the build history that `docker history` prints, both readable by anyone who can pull the image. A password, token or key passed this way leaks with every copy of the image and cannot be rotated out of images already pushed. Mount it only into the RUN that needs it with `RUN --mount=type=secret,id=…` and `docker build --secret id=…`, or give it to the container at run time.',
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
    for (const instruction of context.dockerfile.ast.getInstructions()) {
      if (!(instruction instanceof Arg) && !(instruction instanceof Env)) continue;
      const keyword = instruction.getKeyword();
      for (const property of instruction.getProperties()) {
        const name = property.getName();
        const word = secretWordIn(name);
        if (!word) continue;
        context.report({
          range: property.getNameRange(),
          message: `${keyword} ${name} looks like a secret ("${word}"): ${keyword} values are kept in the image${keyword === 'ARG' ? "'s build history" : "'s config"}; pass it with RUN --mount=type=secret,id=${name.toLowerCase()} instead`,
        });
      }
    }
  },
});

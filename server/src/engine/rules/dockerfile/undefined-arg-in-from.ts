import { nearestName } from '../../dockerfile/nearestName';
import { defineRule } from '../../rule';

/** The ARGs BuildKit defines for every build (platform of the build and of the target). */
const PREDEFINED = new Set(['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT']);
const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * BuildKit UndefinedArgInFrom: a variable in FROM (image or `--platform`) that no ARG before the
 * first FROM declares and BuildKit does not predefine. A declared name it looks like a misspelling
 * of (another case, two letters swapped, one missing or extra) is named in the message, as
 * BuildKit suggests one.
 */
export default defineRule({
  meta: {
    id: 'undefined-arg-in-from',
    title: 'FROM uses an undeclared ARG',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { buildkit: ['UndefinedArgInFrom'] },
    fixable: false,
    rationale:
      'FROM can only use ARGs declared before the first FROM (and the platform ARGs BuildKit predefines). Any other variable is empty there, so `FROM node:${NODE_VERSON}-slim` asks for `node:-slim` and the build fails, or, with a default (`${BASE:-node:24}`), silently always takes the default. Declare the ARG at the top of the file, or fix the name.',
    compliant: { fileName: 'Dockerfile', text: 'ARG NODE_VERSION=24\nFROM node:${NODE_VERSION}-slim\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'ARG NODE_VERSION=24\nFROM node:${NODE_VERSON}-slim\n' },
  },
  check(context) {
    const declared = [...context.dockerfile.globalArgs.keys()];
    for (const stage of context.dockerfile.stages) {
      const words = [...stage.from.getFlags().map((f) => ({ text: f.toString(), range: f.getRange() })), { text: stage.base.written, range: stage.base.range }];
      for (const word of words) {
        for (const match of word.text.matchAll(VARIABLE)) {
          const name = (match[1] ?? match[2]) as string;
          if (declared.includes(name) || PREDEFINED.has(name)) continue;
          const near = nearestName(name, declared);
          context.report({
            range: word.range,
            message: `FROM uses $${name}, which no ARG before the first FROM declares${near ? ` (did you mean ${near}?)` : ''}; declare it at the top of the file`,
          });
        }
      }
    }
  },
});

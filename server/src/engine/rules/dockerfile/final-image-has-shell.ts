import { alternativesFor } from '../../catalogue/lookup';
import { swapSuggestions } from '../../dockerfile/baseImageSwap';
import { baseImageFacts, finalChain } from '../../dockerfile/finalImage';
import { defineRule } from '../../rule';

/**
 * Strict profile: most teams first want slim images, and a shell-less final image needs the
 * build split into stages. Judged on the final stage's base image as the catalogue knows it;
 * `distroless …:debug` counts as having a shell (busybox).
 */
export default defineRule({
  meta: {
    id: 'final-image-has-shell',
    title: 'Final image keeps a shell or package manager',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    profile: 'strict',
    refs: {},
    fixable: false,
    rationale:
      "A shell and a package manager in the running image are the first tools of anyone who gets code execution in it: `sh -c` to chain commands, `apt-get install` or `apk add` to fetch more. Images without them (distroless, Chainguard, Docker Hardened runtime images) need exec-form CMD/ENTRYPOINT and a build stage for anything that runs commands, which the light bulb's swap writes for you where it can.",
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM node:24-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\n\nFROM gcr.io/distroless/nodejs24-debian13:nonroot\nWORKDIR /app\nCOPY --from=build /app /app\nCMD ["server.js"]\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM node:24-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER 1000\nCMD ["node", "server.js"]\n',
    },
  },
  check(context) {
    const chain = finalChain(context.dockerfile);
    const root = chain[0];
    const facts = root ? baseImageFacts(root.base) : null;
    if (!root || !facts || (!facts.facts.shell && !facts.facts.packageManager)) return;
    const has = [facts.facts.shell ? 'a shell' : null, facts.facts.packageManager].filter(Boolean).join(' and ');
    const alternatives = alternativesFor(facts, context.today, (a) => !a.facts.shell && !a.facts.packageManager, root.base.platform);
    context.report({
      range: root.base.range,
      message: `The final image, on ${root.base.resolved ?? root.base.written}, keeps ${has}${alternatives[0] ? `; a shell-less runtime such as ${alternatives[0].image} leaves an intruder neither` : ''}`,
      ...(alternatives.length > 0 ? { suggestions: swapSuggestions(context, chain, facts, alternatives) } : {}),
    });
  },
});

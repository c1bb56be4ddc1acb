import { alternativesFor } from '../../catalogue/lookup';
import { swapSuggestions } from '../../dockerfile/baseImageSwap';
import { baseImageFacts, finalChain } from '../../dockerfile/finalImage';
import { defineRule } from '../../rule';

/**
 * Judged on the image the final stage runs on (the root of its `FROM <stage>` chain, with ARG
 * defaults resolved): builder stages may be as big as they like. The catalogue says which
 * variants are full-size and what the minimal ones are; the editor offers each as a swap whose
 * edits keep the Dockerfile building (see `swapSuggestions`), never applied unattended since it
 * changes what the image is. A final stage on a compiler image is offered only the moves that
 * drop the compiler too (a split into build and runtime stages).
 */
export default defineRule({
  meta: {
    id: 'full-size-base-image',
    title: 'Final image is built on a full-size base image',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    refs: {},
    fixable: false,
    rationale:
      "The default tags of the official language images (`python:3.12`, `node:22`) are full Debian systems with compilers, headers and hundreds of packages (about 1 GB): every one of them is attack surface, scanner noise and download time, and the application uses almost none. The same software comes in `-slim` (Debian without the build tools), `-alpine` (musl, a few MB of OS), and shell-less images (distroless, Chainguard) that hold only the runtime. The light bulb offers each, safest first, with the edits the move needs (exec-form CMD, numeric USER, ports).",
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER 10001\nCMD ["python", "app.py"]\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER 10001\nCMD ["python", "app.py"]\n',
    },
  },
  check(context) {
    const chain = finalChain(context.dockerfile);
    const root = chain[0];
    const facts = root ? baseImageFacts(root.base) : null;
    if (!root || !facts || !facts.facts.fullSize) return;
    const toolchain = facts.facts.toolchain && facts.family.alternatives.some((a) => a.split);
    const alternatives = alternativesFor(facts, context.today, (a) => !a.facts.fullSize && (!toolchain || a.split === true), root.base.platform);
    if (alternatives.length === 0) return;
    const size = facts.facts.sizeMB ? ` (~${facts.facts.sizeMB >= 1000 ? `${(facts.facts.sizeMB / 1000).toFixed(1)} GB` : `${facts.facts.sizeMB} MB`})` : '';
    const best = alternatives[0]?.image;
    context.report({
      range: root.base.range,
      message: `${root.base.resolved ?? root.base.written} is a full-size ${facts.family.title} image${size}${facts.facts.toolchain || facts.facts.buildTools ? ' with compilers and headers' : ''}; the final image needs far less: consider ${best}${alternatives.length > 1 ? ' or a shell-less image' : ''}`,
      suggestions: swapSuggestions(context, chain, facts, alternatives),
    });
  },
});

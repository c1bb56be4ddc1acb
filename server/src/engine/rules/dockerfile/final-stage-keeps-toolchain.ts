import { alternativesFor } from '../../catalogue/lookup';
import { swapSuggestions } from '../../dockerfile/baseImageSwap';
import { baseImageFacts, finalChain } from '../../dockerfile/finalImage';
import { defineRule } from '../../rule';

/**
 * A compiler image (Go, Rust, a JDK, the .NET SDK) as the base of the final stage ships the
 * whole toolchain with the program. Builder stages are where toolchains belong, so only the final
 * stage's chain is judged. For Go the editor offers the split itself (build stage + distroless
 * runtime copying the `go build -o` output); for others the message says what to do.
 */
export default defineRule({
  meta: {
    id: 'final-stage-keeps-toolchain',
    title: 'Final image keeps a compiler toolchain',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    refs: {},
    fixable: false,
    rationale:
      'A compiler in the running image lets an attacker who gets code execution build and run whatever they like, and it brings hundreds of megabytes and the vulnerabilities of a whole toolchain to a program that needs none of it. Build in a stage of its own (`FROM golang:1.26 AS build`) and copy only the result into a runtime image (`gcr.io/distroless/static-debian13:nonroot` for a static Go binary, a JRE for Java, `aspnet`/`runtime` for .NET).',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /out/app\nENTRYPOINT ["/out/app"]\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nUSER 10001\nENTRYPOINT ["/out/app"]\n',
    },
  },
  check(context) {
    const chain = finalChain(context.dockerfile);
    const root = chain[0];
    const facts = root ? baseImageFacts(root.base) : null;
    // The full language images' gcc (`buildTools`) is full-size-base-image's business; this is about compiler images.
    if (!root || !facts || !facts.facts.toolchain) return;
    const alternatives = alternativesFor(facts, context.today, (a) => a.split === true, root.base.platform);
    context.report({
      range: root.base.range,
      message: `The final stage runs on ${root.base.resolved ?? root.base.written}, ${/^[AEIOU]/i.test(facts.family.title) ? 'an' : 'a'} ${facts.family.title} toolchain image: build in a stage of its own and copy only the result into a runtime image${alternatives[0] ? ` such as ${alternatives[0].image}` : ''}`,
      ...(alternatives.length > 0 ? { suggestions: swapSuggestions(context, chain, facts, alternatives) } : {}),
    });
  },
});

import { defineRule } from '../../rule';

/** hadolint DL4000, BuildKit MaintainerDeprecated, Trivy DS-0022. */
export default defineRule({
  meta: {
    id: 'maintainer-deprecated',
    title: 'MAINTAINER is deprecated',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL4000'], buildkit: ['MaintainerDeprecated'], trivy: ['DS-0022'], checkov: ['CKV_DOCKER_6'] },
    fixable: true,
    rationale:
      '`MAINTAINER` has been deprecated since Docker 1.13: it writes a legacy `Author` field that tools no longer read. The author belongs in a label, `LABEL org.opencontainers.image.authors="…"`, the OCI annotation that registries, scanners and `docker inspect` show. The fix writes exactly that label with the same text.',
    compliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.22\nLABEL org.opencontainers.image.authors="team@example.com"\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.22\nMAINTAINER team@example.com\n' },
  },
  check(context) {
    for (const instruction of context.dockerfile.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const author = instruction.getArgumentsContent()?.trim() ?? '';
      const written = instruction.getInstruction();
      const label = written === written.toLowerCase() ? 'label' : 'LABEL';
      const range = { start: instruction.getInstructionRange().start, end: instruction.getRange().end };
      context.report({
        range: instruction.getInstructionRange(),
        message: 'MAINTAINER is deprecated; name the author with LABEL org.opencontainers.image.authors',
        ...(author !== '' ? { fix: { title: 'Use LABEL org.opencontainers.image.authors', edits: [{ range, newText: `${label} org.opencontainers.image.authors=${JSON.stringify(author)}` }] } } : {}),
      });
    }
  },
});

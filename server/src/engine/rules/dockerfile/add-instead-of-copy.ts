import { Add } from 'dockerfile-ast';
import { addSources } from '../../dockerfile/addSources';
import { defineRule } from '../../rule';

/** Names ADD would unpack as a local tar archive (hadolint DL3020's list, plus zstd and lzma). */
const ARCHIVE_NAME = /\.(?:tar|gz|tgz|bz2|tbz2?|xz|txz|zst|tzst|lz|lzma|tlz|z|zip)$/i;
/** Flags only ADD understands: with one of them ADD is chosen on purpose (and COPY would reject it). */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/**
 * hadolint DL3020's case: ADD of paths in the build context that are not archives. Downloads
 * (see add-url-without-checksum), heredocs, archives (ADD unpacks them on purpose) and sources
 * behind a variable (which may name an archive) are left alone.
 *
 * An ADD with an ADD-only flag (`--checksum`, `--keep-git-dir`, `--unpack`) is deliberate and is
 * left alone too. The fix renames the keyword to COPY, which copies such sources identically. One
 * difference is left to the user: ADD also unpacks a local file that is a tar archive by content
 * whatever its name, so a tarball named without an archive extension would no longer be unpacked.
 */
export default defineRule({
  meta: {
    id: 'add-instead-of-copy',
    title: 'ADD used to copy local files',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3020'], cis: ['4.9'], trivy: ['DS-0005'], checkov: ['CKV_DOCKER_4'] },
    fixable: true,
    rationale:
      '`ADD` copies like `COPY` but also unpacks local tar archives and downloads URLs, so a reader cannot tell from `ADD config /etc/app/` which of the three happens, and a file that later becomes an archive is silently unpacked. `COPY` does only the copy. Keep `ADD` for the cases that need it: unpacking an archive on purpose, or a download pinned with `--checksum`.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM python:3.13-slim\nCOPY requirements.txt /app/\nADD vendor.tar.gz /opt/vendor/\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM python:3.13-slim\nADD requirements.txt /app/\n',
    },
  },
  check(context) {
    for (const instruction of context.dockerfile.ast.getInstructions()) {
      if (!(instruction instanceof Add)) continue;
      const sources = addSources(instruction);
      if (sources.length === 0) continue;
      const copiesOnly = sources.every((s) => s.kind === 'local' && !s.text.includes('$') && !ARCHIVE_NAME.test(s.text));
      if (!copiesOnly || instruction.getFlags().some((f) => ADD_ONLY_FLAGS.has(f.getName().toLowerCase()))) continue;
      const keywordRange = instruction.getInstructionRange();
      const written = instruction.getInstruction();
      context.report({
        range: keywordRange,
        message: `${written} copies local files (${sources.map((s) => s.text).join(', ')}); use COPY, which does only that`,
        fix: { title: 'Use COPY instead of ADD', edits: [{ range: keywordRange, newText: written === written.toLowerCase() ? 'copy' : 'COPY' }] },
      });
    }
  },
});

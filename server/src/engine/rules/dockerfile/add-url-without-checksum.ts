import { Add } from 'dockerfile-ast';
import { expandArgs } from '../../../parse/dockerfileModel';
import { addSources, classifyAddSource, type AddSourceKind } from '../../dockerfile/addSources';
import { variablesBefore } from '../../dockerfile/stageUser';
import { defineRule } from '../../rule';
import type { ChecksumPin, Position } from '../../types';

/**
 * `ADD <url>` without `--checksum` puts whatever the server returns into the image. Git sources
 * count as pinned when they name a commit: `--checksum=<sha>` (Dockerfile 1.16+), a `checksum=`
 * or `commit=` query (1.18+), or a full commit id as the `#ref`. Sources written through ARG/ENV
 * (`ADD ${URL} /x`) are judged by their known values.
 *
 * No unattended fix, by choice. The digest cannot be known offline, so fix-all and
 * `seaworthy check --fix` could only insert a placeholder, turning a build that works into one
 * that fails. Instead a source that is the ADD's only source carries a `checksumPin`: the
 * language server offers "Pin with --checksum", which downloads the file (or asks the Git remote
 * for the commit) when the user picks it and inserts the real value. The message gives the command that computes it by hand.
 */
export default defineRule({
  meta: {
    id: 'add-url-without-checksum',
    title: 'ADD downloads a URL without --checksum',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    refs: { trivy: ['DS-0005'], checkov: ['CKV_DOCKER_4'] },
    fixable: false,
    rationale:
      '`ADD https://…` fetches the file at build time and puts whatever the server returns into the image: a compromised host, a hijacked domain or a silently re-published release changes the image without any change to the Dockerfile, and the build cannot be reproduced. `ADD --checksum=sha256:<digest>` (Dockerfile syntax 1.6+, BuildKit) makes the build fail when the bytes differ; for a Git source, pin the commit with `--checksum=<commit sha>` (1.16+). Compute the digest once with `curl -fsSL <url> | sha256sum` and keep it next to the version it belongs to; in the editor, the light bulb\'s *Pin with --checksum* downloads the file once (or asks the Git remote which commit the ref is) and writes the value for you.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM alpine:3.20\nADD --checksum=sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 https://example.com/releases/tool-1.4.2-linux-amd64.tar.gz /opt/\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM alpine:3.20\nADD https://example.com/releases/tool-1.4.2-linux-amd64.tar.gz /opt/\n',
    },
  },
  check(context) {
    const model = context.dockerfile;
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Add) || hasChecksum(instruction)) continue;
        const sources = addSources(instruction);
        for (const source of sources) {
          let text = source.text;
          let kind: AddSourceKind = source.kind;
          if (kind === 'local' && text.includes('$')) {
            text = expandArgs(text, variablesBefore(model, stage, instruction.getRange().start.line)) ?? text;
            kind = classifyAddSource(text);
          }
          if (kind === 'http') {
            context.report({
              range: source.range,
              message: `ADD downloads ${text} without --checksum, so a changed or tampered file goes into the image unnoticed; add --checksum=sha256:<digest> (compute it with: curl -fsSL ${text} | sha256sum)`,
              ...pinFor('http', text, sources.length, instruction),
            });
          } else if (kind === 'git' && !namesCommit(text)) {
            context.report({
              range: source.range,
              message: `ADD clones ${text} without pinning a commit, so a moved branch or tag changes the image unnoticed; add --checksum=<commit sha> (Dockerfile 1.16+)`,
              ...pinFor('git', text, sources.length, instruction),
            });
          }
        }
      }
    }
  },
});

/** BuildKit takes --checksum only for a single source, and the value must be known to look it up. */
function pinFor(source: ChecksumPin['source'], url: string, sourceCount: number, add: Add): { checksumPin?: ChecksumPin } {
  return sourceCount === 1 && !url.includes('$') ? { checksumPin: { source, url, insertAt: argumentsStart(add) } } : {};
}

/** Where the first flag or argument after `ADD` starts: `--checksum=…` goes in front of it. */
function argumentsStart(add: Add): Position {
  const first = add.getFlags()[0]?.getRange().start ?? add.getArguments()[0]?.getRange().start;
  return first ?? add.getRange().end;
}

function hasChecksum(add: Add): boolean {
  return add.getFlags().some((flag) => flag.getName().toLowerCase() === 'checksum' && (flag.getValue() ?? '') !== '');
}

/** A Git URL that names a commit: `?checksum=`/`?commit=`, or a full commit id as its `#ref`. */
function namesCommit(url: string): boolean {
  if (/[?&](?:checksum|commit)=[0-9a-f]{7,}/i.test(url)) return true;
  const ref = url.split('#')[1]?.split(':')[0] ?? '';
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref);
}

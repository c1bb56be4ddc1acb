import { CodeActionKind, type CancellationToken, type CodeAction } from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../engine/types';
import { nodeProcessHost } from '../host/nodeProcessHost';
import { pinCandidates, pinEdit } from '../scan/builtin/pin';
import type { ImageMention } from '../scan/imageMentions';
import { scanModule } from './scanModule';

/**
 * "Pin IMAGE to its digest" on a `FROM` line or `image:` value: offered without asking the
 * registry; when picked, `codeAction/resolve` asks the registry (through the built-in scanner's
 * client: logins, tokens, insecure registries) for the digest its tag serves and writes
 * `@sha256:…` after the reference. Never part of fix-all or `check --fix`.
 */
export interface DigestPinData {
  seaworthy: 'digest-pin';
  uri: string;
  version: number;
  image: string;
  range: Range;
}

/** A registry that sends nothing for this long is given up on. */
const PIN_TIMEOUT_MS = 60_000;

/** The pin actions for the images written on the lines of `range`. */
export function digestPinActions(document: TextDocument, mentions: readonly ImageMention[], range: Range): CodeAction[] {
  return pinCandidates(document.getText(), mentions)
    .filter((c) => c.range.start.line >= range.start.line && c.range.start.line <= range.end.line)
    .map((c) => {
      const data: DigestPinData = { seaworthy: 'digest-pin', uri: document.uri, version: document.version, image: c.image, range: c.range };
      return { title: `Pin ${c.image} to its digest`, kind: CodeActionKind.RefactorRewrite, data };
    });
}

export function isDigestPinData(data: unknown): data is DigestPinData {
  const d = data as Partial<DigestPinData> | null;
  return typeof d === 'object' && d !== null && d.seaworthy === 'digest-pin' && typeof d.uri === 'string' && typeof d.version === 'number' && typeof d.image === 'string' && typeof d.range?.end?.line === 'number' && typeof d.range.end.character === 'number';
}

/** The edit of a pin: asks the registry now; rejects with the reason (cancelled, not found, unreachable, login). */
export async function digestPinEdits(data: DigestPinData, insecureRegistries: readonly string[], token: CancellationToken): Promise<{ range: Range; newText: string }[]> {
  const abort = new AbortController();
  const listener = token.onCancellationRequested(() => abort.abort());
  try {
    const { builtinRegistryOptions, resolveDigest } = scanModule();
    const digest = await resolveDigest(data.image, { ...builtinRegistryOptions(nodeProcessHost(), PIN_TIMEOUT_MS, insecureRegistries), signal: abort.signal });
    return [pinEdit({ image: data.image, range: data.range }, digest)];
  } finally {
    listener.dispose();
  }
}

import { createHash } from 'crypto';
import { CodeActionKind, type CancellationToken, type CodeAction, type Diagnostic } from './languageServer';
import type { ChecksumPin, Finding } from '../engine';
import { commitOfGitSource, parseGitSource } from './gitCommit';

/**
 * "Pin with --checksum": the one fix that needs the network. The action is offered without an
 * edit; when the user picks it, the client asks `codeAction/resolve`, and only then is the URL
 * downloaded (once, streamed through SHA-256, never stored) or the Git remote asked for the
 * commit, and the edit computed. Nothing is
 * downloaded to show the light bulb, and fix-all and `check --fix` never reach here.
 */

/** `CodeAction.data` of a pin action, enough to resolve it without the analysis. */
export interface ChecksumPinData {
  seaworthy: 'checksum-pin';
  uri: string;
  version: number;
  pin: ChecksumPin;
}

/** Downloads larger than this are refused: an ADD of a multi-gigabyte file is not typing-time work. */
export const MAX_PIN_BYTES = 2 * 1024 ** 3;
export const PIN_TIMEOUT_MS = 120_000;

export function checksumPinAction(finding: Finding, diagnostic: Diagnostic, uri: string, version: number): CodeAction | null {
  const pin = finding.checksumPin;
  if (!pin) return null;
  const data: ChecksumPinData = { seaworthy: 'checksum-pin', uri, version, pin };
  return { title: `Pin with --checksum (${pinWork(pin)})`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], data };
}

/** What picking the action will do, said in its title before anything is done. */
function pinWork(pin: ChecksumPin): string {
  if (pin.source === 'http') return `downloads ${pin.url} to compute its SHA-256`;
  const { remote, ref } = parseGitSource(pin.url);
  return `asks ${remote} which commit ${ref ?? 'HEAD'} is`;
}

/** The `--checksum` value for a pin: the download's SHA-256, or the commit of the Git ref. */
export async function checksumOf(pin: ChecksumPin, token: CancellationToken | undefined, progress?: DownloadProgress): Promise<string> {
  if (pin.source === 'git') return commitOfGitSource(pin.url, token);
  return `sha256:${await sha256OfUrl(pin.url, token, progress)}`;
}

export function isChecksumPinData(data: unknown): data is ChecksumPinData {
  const d = data as Partial<ChecksumPinData> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    d.seaworthy === 'checksum-pin' &&
    typeof d.uri === 'string' &&
    typeof d.version === 'number' &&
    (d.pin?.source === 'http' || d.pin?.source === 'git') &&
    typeof d.pin.url === 'string' &&
    typeof d.pin.insertAt?.line === 'number' &&
    typeof d.pin.insertAt.character === 'number'
  );
}

export interface DownloadProgress {
  /** Bytes so far and the announced length (null when the server does not say). */
  (received: number, total: number | null): void;
}

/**
 * The SHA-256 (hex) of what `url` serves, following redirects as BuildKit does. Rejects with a
 * message fit for the user on a non-2xx status, a non-http(s) URL, a body over `MAX_PIN_BYTES`,
 * a timeout or cancellation.
 */
export async function sha256OfUrl(url: string, token: CancellationToken | undefined, progress?: DownloadProgress): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`only http and https URLs can be pinned, not ${parsed.protocol}`);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`no complete answer within ${PIN_TIMEOUT_MS / 1000} s`)), PIN_TIMEOUT_MS);
  const cancelled = token?.onCancellationRequested(() => abort.abort(new Error('cancelled')));
  try {
    const response = await fetch(parsed, { redirect: 'follow', signal: abort.signal });
    if (!response.ok || !response.body) throw new Error(`the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    const announced = Number(response.headers.get('content-length'));
    const total = Number.isFinite(announced) && announced > 0 ? announced : null;
    if (total !== null && total > MAX_PIN_BYTES) throw new Error(`the file is ${total} bytes, more than the ${MAX_PIN_BYTES} Seaworthy downloads to pin`);
    const hash = createHash('sha256');
    let received = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      if (received > MAX_PIN_BYTES) throw new Error(`the file is larger than the ${MAX_PIN_BYTES} bytes Seaworthy downloads to pin`);
      hash.update(chunk);
      progress?.(received, total);
    }
    return hash.digest('hex');
  } catch (e) {
    throw new Error(reasonOf(e, abort.signal));
  } finally {
    clearTimeout(timer);
    cancelled?.dispose();
  }
}

/** fetch wraps network errors as "fetch failed" with the useful part in `cause`. */
function reasonOf(e: unknown, signal: AbortSignal): string {
  if (signal.aborted) return (signal.reason as Error)?.message ?? 'aborted';
  const error = e as Error & { cause?: Error & { code?: string } };
  const cause = error?.cause;
  if (cause) return cause.code ? `${cause.code} (${cause.message})` : cause.message;
  return error?.message ?? String(e);
}

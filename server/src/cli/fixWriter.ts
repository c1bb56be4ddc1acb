import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { OverlappingEditsError, fixAll, type Finding } from '../engine';
import { reasonOf } from './fileSystemErrors';

/** A file's text as the engine sees it, and how to put it back byte for byte. */
export interface SourceText {
  text: string;
  bom: boolean;
  /** Every line ends in CRLF: fixed text is written back the same way. */
  crlf: boolean;
  /** False when some bytes are not UTF-8: `text` shows them as U+FFFD, so it cannot be written back. */
  utf8: boolean;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeSource(bytes: Buffer): SourceText {
  let text = bytes.toString('utf8');
  const bom = text.startsWith('\uFEFF');
  if (bom) text = text.slice(1);
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  return { text, bom, crlf, utf8: !text.includes('\uFFFD') || isUtf8(bytes) };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return true;
  } catch {
    return false;
  }
}

export function encodeSource(text: string, like: SourceText): string {
  const body = like.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  return like.bom ? `\uFEFF${body}` : body;
}

export type FixOutcome =
  | { status: 'unchanged' }
  | { status: 'fixed'; text: string; applied: number }
  /** Nothing was written. `ioError` is true when the file system refused (an input error). */
  | { status: 'failed'; reason: string; ioError: boolean };

/**
 * Applies every fix (re-linting between rounds, see `fixAll`) and writes the file atomically, only
 * when all edits applied and the result still parses as well as the original did.
 */
export function fixFile(abs: string, source: SourceText, lintText: (text: string) => readonly Finding[]): FixOutcome {
  let fixed: { text: string; applied: number };
  try {
    fixed = fixAll(source.text, lintText);
  } catch (e) {
    const why = e instanceof OverlappingEditsError ? `the fixes' edits overlap (${e.message})` : reasonOf(e);
    return { status: 'failed', reason: `fixes not applied: ${why}`, ioError: false };
  }
  if (fixed.text === source.text) return { status: 'unchanged' };
  const unparsable = (text: string): number => lintText(text).filter((f) => f.ruleId === 'invalid-file').length;
  if (unparsable(fixed.text) > unparsable(source.text)) {
    return { status: 'failed', reason: 'fixes not applied: the fixed file would no longer parse', ioError: false };
  }
  try {
    writeFileAtomic(abs, encodeSource(fixed.text, source));
  } catch (e) {
    return { status: 'failed', reason: `fixes not written: ${reasonOf(e)}`, ioError: true };
  }
  return { status: 'fixed', text: fixed.text, applied: fixed.applied };
}

/**
 * Writes a temporary file next to the target (same folder, so the rename is atomic), with the
 * target's mode and owner, flushes it, then renames it over the target. A symbolic link is
 * followed, so the link stays a link. On any failure the target is untouched.
 */
export function writeFileAtomic(abs: string, content: string): void {
  const real = fs.realpathSync(abs);
  const stat = fs.statSync(real);
  const mode = stat.mode & 0o7777;
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.seaworthy-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', mode);
    try {
      fs.writeFileSync(fd, content, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temp, mode); // the umask may have narrowed it
    try {
      fs.chownSync(temp, stat.uid, stat.gid);
    } catch {
      // Only root may give a file away; a user fixing their own file keeps their ownership anyway.
    }
    fs.renameSync(temp, real);
  } catch (e) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // the temporary file was never created
    }
    throw e;
  }
}

import type { Position, Range } from '../../engine/types';
import type { ImageMention } from '../imageMentions';
import { parseReference } from '../imageReference';
import { ImageError } from './imageError';
import { DEFAULT_IMAGE_LIMITS } from './limits';
import type { RegistryOptions } from './registry/registryClient';
import { RegistrySource } from './registry/registrySource';

/** A `FROM` image or `image:` value that can be pinned: written out in full, with no digest yet. */
export interface PinCandidate {
  /** The reference as written: `node:22-slim`. */
  image: string;
  /** Where the reference is written (without quotes). */
  range: Range;
}

/**
 * The images of a Dockerfile or YAML file (its `imageMentionsIn`, which the caller takes so that
 * the language server keeps the parsers out of its bundle) that "Pin to digest" can pin: each
 * `FROM` image and `image:` value written as a plain reference (an image built from `ARG`s, which
 * the edit would freeze, is left alone), not pinned yet. Quoted YAML values are pinned inside
 * their quotes.
 */
export function pinCandidates(text: string, mentions: readonly ImageMention[]): PinCandidate[] {
  const lines = text.split(/\r\n|\r|\n/);
  const candidates: PinCandidate[] = [];
  for (const mention of mentions) {
    const { start, end } = mention.range;
    if (start.line !== end.line) continue;
    const written = (lines[start.line] ?? '').slice(start.character, end.character);
    const inner = /^(["'])(.*)\1$/.exec(written)?.[2] ?? written;
    const reference = parseReference(inner);
    if (inner !== mention.image || !reference || reference.digest) continue;
    const from = start.character + (inner === written ? 0 : 1);
    candidates.push({ image: inner, range: { start: { line: start.line, character: from }, end: { line: start.line, character: from + inner.length } } });
  }
  return candidates;
}

/** The edit that pins: `@sha256:…` after the reference, keeping the tag for readers (`node:22-slim@sha256:…`). */
export function pinEdit(candidate: PinCandidate, digest: string): { range: Range; newText: string } {
  const at: Position = candidate.range.end;
  return { range: { start: at, end: at }, newText: `@${digest}` };
}

/**
 * The digest the registry serves for `image`'s tag (`latest` when none is written): the index's
 * digest for a multi-platform image, so the pin keeps every platform. Asks for the manifest
 * through the same client as scans (logins, Bearer tokens, insecure registries); failures are
 * ImageErrors that say what to do.
 */
export async function resolveDigest(image: string, registry: RegistryOptions): Promise<string> {
  if (!parseReference(image)) throw new ImageError('failed', `'${image}' is not an image reference`);
  const { client, ref } = new RegistrySource(image, null, registry, DEFAULT_IMAGE_LIMITS).connect();
  return (await client.manifest(ref)).digest;
}

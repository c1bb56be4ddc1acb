import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, kindByName } from '../engine';
import { nodeProcessHost } from '../host/nodeProcessHost';
import { builtinRegistryOptions } from '../scan/backends/builtin';
import { ImageError } from '../scan/builtin/imageError';
import { pinCandidates, pinEdit, resolveDigest } from '../scan/builtin/pin';
import { imageMentionsIn } from '../scan/imageMentions';
import type { PinCommand } from './args';
import { EXIT_CLEAN, EXIT_ERROR, Messages, type CliIo } from './checkCommand';
import { reasonOf } from './fileSystemErrors';
import { decodeSource, encodeSource, writeFileAtomic } from './fixWriter';

/** How long one registry may stay silent before its image is given up on. */
const PIN_TIMEOUT_MS = 60_000;

/**
 * `seaworthy pin [PATH…]` (default `Dockerfile`): each `FROM` image and `image:` value written as a
 * tag gets the digest its registry serves now (`node:22-slim@sha256:…`, the tag kept for
 * readers). Each image is asked for once; a file is written atomically with the pins that
 * resolved; an image that cannot be resolved is an error naming the line and the reason (exit
 * 2), and the rest are still pinned.
 */
export async function runPin(command: PinCommand, io: CliIo): Promise<number> {
  const messages = new Messages(io);
  const host = nodeProcessHost(io.env);
  const registry = { ...builtinRegistryOptions(host, PIN_TIMEOUT_MS), signal: io.signal };
  const digests = new Map<string, Promise<string>>();
  const digestOf = (image: string): Promise<string> => {
    const known = digests.get(image) ?? resolveDigest(image, registry);
    digests.set(image, known);
    return known;
  };
  let pinned = 0;
  for (const file of command.paths.length > 0 ? command.paths : ['Dockerfile']) {
    const abs = path.resolve(io.cwd, file);
    const shown = messages.shown(abs);
    const kind = kindByName(abs);
    if (kind !== 'dockerfile' && kind !== 'yaml') {
      messages.fail(`${shown}: not a Dockerfile or YAML file (told by its name), so nothing to pin`);
      continue;
    }
    let source;
    try {
      source = decodeSource(fs.readFileSync(abs));
    } catch (e) {
      messages.fail(`${shown}: cannot read the file: ${reasonOf(e)}`);
      continue;
    }
    const edits = [];
    for (const candidate of pinCandidates(source.text, imageMentionsIn(source.text, kind))) {
      const where = `${shown}:${candidate.range.start.line + 1}`;
      try {
        const digest = await digestOf(candidate.image);
        edits.push(pinEdit(candidate, digest));
        io.stdout(`${where}: ${candidate.image} → ${candidate.image}@${digest}\n`);
      } catch (e) {
        if (!(e instanceof ImageError)) throw e;
        messages.fail(`${where}: cannot pin ${candidate.image}: ${e.kind === 'cancelled' ? 'cancelled' : e.message}`);
      }
    }
    if (edits.length === 0) continue;
    try {
      writeFileAtomic(abs, encodeSource(applyEdits(source.text, edits), source));
      pinned += edits.length;
    } catch (e) {
      messages.fail(`${shown}: pins not written: ${reasonOf(e)}`);
    }
  }
  io.stdout(`${pinned === 0 ? 'Nothing pinned' : `Pinned ${pinned} image${pinned === 1 ? '' : 's'}`}${messages.inputErrors.length > 0 ? `; ${messages.inputErrors.length} could not be (see above)` : ''}.\n`);
  return messages.inputErrors.length > 0 ? EXIT_ERROR : EXIT_CLEAN;
}

import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import * as tar from 'tar-stream';
import { canonicalReference } from '../imageReference';
import { drain, readAll, verifyBuffer } from './blobs';
import { ImageError } from './imageError';
import { parseDocument, type ImageConfig, type ImageSource, type LayerBlob, type OpenedImage } from './imageSource';
import type { ImageLimits } from './limits';

/** One image of a `docker save` archive's manifest.json. */
interface ArchiveEntry {
  Config?: string;
  RepoTags?: string[] | null;
  Layers?: string[];
}

/** Smaller entries are kept in the first pass: manifest.json, configs and (OCI-style) manifests. */
const DOCUMENT_ENTRY_BYTES = 1024 * 1024;

/**
 * A `docker save` / `podman save` tar (`docker-archive:PATH[:NAME:TAG]`): manifest.json names
 * the config and the layer files. Read twice front to back, never extracted: once for the
 * documents, once streaming each layer. Layers are verified against the config's diff_ids,
 * and against their file name where that is a digest (Docker 25+ writes `blobs/sha256/…`).
 */
export class DockerArchiveSource implements ImageSource {
  readonly reference: string;
  constructor(
    private readonly file: string,
    private readonly name: string | null,
    private readonly limits: ImageLimits,
    /** How messages name the archive when it is not the user's file (`docker-daemon:app:1.0`). */
    private readonly shownAs: string | null = null,
  ) {
    this.reference = shownAs ?? `docker-archive:${file}${name ? `:${name}` : ''}`;
  }

  /** The archive as messages name it. */
  private get shown(): string {
    return this.shownAs ?? this.file;
  }

  async open(): Promise<OpenedImage> {
    if (!fs.existsSync(this.file)) throw new ImageError('not-found', `${this.shown} does not exist`);
    const documents = new Map<string, Buffer>();
    let kept = 0;
    await this.walk(async (name, size, body) => {
      if (name === 'manifest.json' || (size <= DOCUMENT_ENTRY_BYTES && kept + size <= this.limits.documentBytes * 4 && (name.endsWith('.json') || name.startsWith('blobs/')))) {
        documents.set(name, await readAll(body));
        kept += size;
      } else await drain(body);
    });
    const manifestJson = documents.get('manifest.json');
    if (!manifestJson) throw new ImageError('failed', `${this.shown} is not a docker save archive (it has no manifest.json)`);
    let entries: unknown;
    try {
      entries = JSON.parse(manifestJson.toString('utf8'));
    } catch (e) {
      throw new ImageError('failed', `manifest.json in ${this.shown} is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(entries)) throw new ImageError('failed', `manifest.json in ${this.shown} is not a list of images`);
    const entry = this.pick(entries as ArchiveEntry[]);
    const configName = normalise(entry.Config ?? '');
    const configData = documents.get(configName);
    if (!configData) throw new ImageError('failed', `the config ${entry.Config} named in ${this.shown}'s manifest.json is missing from the archive`);
    const configDigest = digestInName(configName);
    if (configDigest) verifyBuffer(configData, configDigest, `config ${configName} in ${this.shown}`);
    const config = parseDocument<ImageConfig>(configData, `config ${configName} in ${this.shown}`);
    const layerNames = (entry.Layers ?? []).map(normalise);
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== layerNames.length) throw new ImageError('failed', `${this.shown} lists ${layerNames.length} layers but its config has ${diffIds.length} diff_ids`);
    const layers: LayerBlob[] = layerNames.map((name, index) => ({ index, digest: digestInName(name), diffId: diffIds[index] ?? null, name: `${name} in ${this.shown}` }));
    return {
      digest: null,
      config,
      layers,
      forEachLayer: async (visit, signal) => {
        const pending = new Map(layerNames.map((name, index) => [name, layers[index] as LayerBlob]));
        await this.walk(async (name, _size, body) => {
          if (signal?.aborted) throw new ImageError('cancelled', `the scan of ${this.reference} was cancelled`);
          const layer = pending.get(name);
          if (!layer) return drain(body);
          pending.delete(name);
          await visit(layer, Readable.from(body));
        });
        const missing = [...pending.keys()];
        if (missing.length > 0) throw new ImageError('failed', `the layer ${missing[0]} named in ${this.shown}'s manifest.json is missing from the archive`);
      },
    };
  }

  private pick(entries: ArchiveEntry[]): ArchiveEntry {
    const tags = entries.flatMap((e) => e.RepoTags ?? []);
    if (this.name !== null) {
      const wanted = canonicalReference(this.name);
      const found = entries.find((e) => (e.RepoTags ?? []).some((t) => t === this.name || canonicalReference(t) === wanted));
      if (found) return found;
      throw new ImageError('not-found', `${this.shown} has no image named ${this.name}${tags.length > 0 ? `; it has ${tags.join(', ')}` : ''}`);
    }
    if (entries.length === 1) return entries[0] as ArchiveEntry;
    if (entries.length === 0) throw new ImageError('not-found', `${this.shown} holds no image (its manifest.json is empty)`);
    throw new ImageError('not-found', `${this.shown} holds ${entries.length} images: name one as docker-archive:${this.shown}:NAME:TAG (${tags.join(', ') || 'they have no tags'})`);
  }

  /** Calls `onEntry` for each regular file of the archive, in order; the body must be consumed. */
  private async walk(onEntry: (name: string, size: number, body: AsyncIterable<unknown>) => Promise<void>): Promise<void> {
    const extract = tar.extract();
    const reading = pipeline(fs.createReadStream(this.file), extract);
    try {
      for await (const entry of extract) {
        const { header } = entry;
        if (header.type === 'file' || header.type === 'contiguous-file') await onEntry(normalise(header.name), header.size ?? 0, entry);
        else await drain(entry);
      }
      await reading;
    } catch (e) {
      extract.destroy();
      await reading.catch(() => undefined);
      if (e instanceof ImageError) throw e;
      throw new ImageError('failed', `${this.shown} could not be read as a tar archive: ${(e as Error).message}`);
    }
  }
}

/** `./abc/layer.tar` → `abc/layer.tar`. */
function normalise(name: string): string {
  return path.posix.normalize(name).replace(/^(\.\/|\/)+/, '');
}

/** `blobs/sha256/<hex>` or `<hex>.json` / `<hex>.tar` → `sha256:<hex>`; null for other names. */
function digestInName(name: string): string | null {
  const blob = /^blobs\/(sha256|sha512)\/([a-f0-9]+)$/.exec(name);
  if (blob) return `${blob[1]}:${blob[2]}`;
  const file = /^([a-f0-9]{64})\.(?:json|tar)$/.exec(name);
  return file ? `sha256:${file[1]}` : null;
}

import type { Readable } from 'stream';
import { ImageError } from './imageError';

/** What an image's config blob says that the scan looks at (OCI image config / Docker v2). */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  config?: {
    User?: string;
    Env?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
  } | null;
  history?: { created_by?: string; empty_layer?: boolean }[] | null;
  rootfs?: { type?: string; diff_ids?: string[] } | null;
}

/** One layer as the manifest names it. Every digest given is verified while the layer streams. */
export interface LayerBlob {
  /** Position in the manifest: 0 is the base layer. */
  index: number;
  /** The blob's digest (of the bytes as stored, compressed or not), when the source gives one. */
  digest: string | null;
  /** The uncompressed tar's digest (`rootfs.diff_ids`), when the config gives one. */
  diffId: string | null;
  /** How the blob is named in messages: its digest, or its file in an archive. */
  name: string;
}

/** An image found and its documents read; the layers are streamed on demand. */
export interface OpenedImage {
  /** The manifest's (or index's) digest, when the source has one. */
  digest: string | null;
  config: ImageConfig;
  layers: LayerBlob[];
  /**
   * Streams every layer's raw blob to `visit`, one at a time, in any order (an archive is read
   * front to back); each stream must be consumed before the next is offered.
   */
  forEachLayer(visit: (layer: LayerBlob, blob: Readable) => Promise<void>, signal?: AbortSignal): Promise<void>;
  /** Frees what opening took (the temporary archive of `docker-daemon:`); called once, when reading ends. */
  close?(): Promise<void>;
}

export interface ImageSource {
  /** As the user wrote it: `oci:build/app:1.0`. */
  readonly reference: string;
  open(signal?: AbortSignal): Promise<OpenedImage>;
}

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

export function isIndex(mediaType: unknown): boolean {
  return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList;
}

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface Manifest {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

/** `linux/arm64/v8` → its parts. */
export function parsePlatform(text: string): { os: string; architecture: string; variant: string | null } {
  const [os = '', architecture = '', variant] = text.split('/');
  if (!os || !architecture) throw new ImageError('unsupported', `'${text}' is not a platform: write OS/ARCH[/VARIANT], e.g. linux/amd64`);
  return { os, architecture, variant: variant ?? null };
}

export const DEFAULT_PLATFORM = 'linux/amd64';

/**
 * The manifest of a multi-platform index that matches `platform` (default linux/amd64). A
 * variant asked for must match; one not asked for is ignored (arm64 images carry `v8`).
 * Attestation manifests (`unknown/unknown`) are never chosen.
 */
export function chooseManifest(index: Manifest, platform: string | null, what: string): Descriptor {
  const wanted = parsePlatform(platform ?? DEFAULT_PLATFORM);
  const entries = (index.manifests ?? []).filter((m) => m.platform);
  const match = entries.find(
    (m) => m.platform?.os === wanted.os && m.platform?.architecture === wanted.architecture && (wanted.variant === null || m.platform?.variant === wanted.variant),
  );
  if (match) return match;
  const offered = entries
    .map((m) => [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/'))
    .filter((p) => p !== 'unknown/unknown');
  throw new ImageError('not-found', `${what} has no image for ${platform ?? DEFAULT_PLATFORM}; it offers ${offered.length > 0 ? offered.join(', ') : 'no platform'} (choose one with --platform or seaworthy.scan.platform)`);
}

/** Parses a JSON document (manifest, index, config), failing with a message naming it. */
export function parseDocument<T>(data: Buffer, what: string): T {
  try {
    const value = JSON.parse(data.toString('utf8')) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value as T;
  } catch (e) {
    throw new ImageError('failed', `${what} is not valid JSON: ${(e as Error).message}`);
  }
}

/** The layers of a manifest, paired with the config's diff_ids. */
export function layersOf(manifest: Manifest, config: ImageConfig, what: string): LayerBlob[] {
  const layers = manifest.layers ?? [];
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length > 0 && diffIds.length !== layers.length) {
    throw new ImageError('failed', `${what} has ${layers.length} layers but its config lists ${diffIds.length} diff_ids`);
  }
  return layers.map((l, index) => ({ index, digest: l.digest, diffId: diffIds[index] ?? null, name: l.digest }));
}

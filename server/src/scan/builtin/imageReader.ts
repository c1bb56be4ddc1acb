import type { ProcessHost } from '../processes';
import { DockerArchiveSource } from './dockerArchive';
import { DockerDaemonSource } from './dockerDaemon';
import { finalFileSystem, type FinalFile } from './fileSystem';
import { ImageError } from './imageError';
import type { ImageSource, OpenedImage } from './imageSource';
import { LayerBudget, readLayer, type ContentInspector, type LayerRecord } from './layerReader';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './limits';
import { OciLayoutSource } from './ociLayout';

/** An image read through: its documents, each layer's entries and kept contents, the final file system. */
export interface ImageContents {
  image: OpenedImage;
  layers: LayerRecord[];
  files: Map<string, FinalFile>;
}

export interface SourceOptions {
  platform: string | null;
  limits?: ImageLimits;
  /** Runs `docker|podman image save` for `docker-daemon:`; without it that form is refused. */
  processes?: ProcessHost;
}

/** The transports the built-in scanner reads locally, as skopeo names them. */
export const LOCAL_TRANSPORTS = ['oci', 'docker-archive', 'docker-daemon'] as const;

/**
 * `oci:PATH[:TAG]`, `docker-archive:PATH[:NAME:TAG]` and `docker-daemon:NAME:TAG` as skopeo
 * writes them (the path ends at the first `:`, except a Windows drive letter's); null for anything
 * else, which is a registry reference.
 */
export function localSource(reference: string, options: SourceOptions): ImageSource | null {
  const match = /^(oci|docker-archive|docker-daemon):(.+)$/.exec(reference);
  if (!match) return null;
  const transport = match[1] as (typeof LOCAL_TRANSPORTS)[number];
  const rest = match[2] as string;
  const limits = options.limits ?? DEFAULT_IMAGE_LIMITS;
  if (transport === 'docker-daemon') {
    if (!options.processes) throw new ImageError('unsupported', `${reference} is read through a local engine, and this caller gave the built-in scanner no way to run one`);
    return new DockerDaemonSource(rest, options.processes, limits);
  }
  const drive = /^[A-Za-z]:[\\/]/.test(rest) ? 2 : 0;
  const colon = rest.indexOf(':', drive);
  const file = colon < 0 ? rest : rest.slice(0, colon);
  const name = colon < 0 || colon === rest.length - 1 ? null : rest.slice(colon + 1);
  return transport === 'oci' ? new OciLayoutSource(file, name, options.platform, limits) : new DockerArchiveSource(file, name, limits);
}

/** Opens the image and streams every layer through `inspector`, then applies them in order. */
export async function readImage(source: ImageSource, inspector: ContentInspector, limits: ImageLimits = DEFAULT_IMAGE_LIMITS, signal?: AbortSignal): Promise<ImageContents> {
  const image = await source.open(signal);
  try {
    const budget = new LayerBudget(limits, signal);
    const layers: LayerRecord[] = [];
    await image.forEachLayer(async (layer, blob) => {
      if (signal?.aborted) throw new ImageError('cancelled', `the scan of ${source.reference} was cancelled`);
      layers.push(await readLayer(layer, blob, inspector, budget));
    }, signal);
    return { image, layers, files: finalFileSystem(layers) };
  } finally {
    await image.close?.();
  }
}

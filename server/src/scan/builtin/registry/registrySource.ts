import { readAll, verifyBuffer } from '../blobs';
import { ImageError } from '../imageError';
import { chooseManifest, isIndex, layersOf, parseDocument, type ImageConfig, type ImageSource, type Manifest, type OpenedImage } from '../imageSource';
import type { ImageLimits } from '../limits';
import { parseReference } from '../../imageReference';
import { RegistryClient, registryHost, type RegistryOptions } from './registryClient';

/**
 * An image in a registry: the tag (or digest) resolved to a manifest, an index resolved to the
 * platform, the config read whole and verified, the layers streamed on demand.
 */
export class RegistrySource implements ImageSource {
  constructor(
    readonly reference: string,
    private readonly platform: string | null,
    private readonly options: RegistryOptions,
    private readonly limits: ImageLimits,
  ) {}

  /** The client and the tag or digest the reference names. */
  connect(): { client: RegistryClient; ref: string } {
    const parsed = parseReference(this.reference);
    if (!parsed) throw new ImageError('failed', `'${this.reference}' is not an image reference`);
    const client = new RegistryClient(registryHost(parsed.domain), parsed.path, this.options, this.limits);
    return { client, ref: parsed.digest ?? parsed.tag ?? 'latest' };
  }

  async open(): Promise<OpenedImage> {
    const { client, ref } = this.connect();
    const top = await client.manifest(ref);
    let current = top;
    let manifest = parseDocument<Manifest>(current.data, `the manifest of ${this.reference}`);
    if (isIndex(current.mediaType) || (!manifest.layers && manifest.manifests)) {
      current = await client.manifest(chooseManifest(manifest, this.platform, this.reference).digest);
      manifest = parseDocument<Manifest>(current.data, `the manifest of ${this.reference}`);
    }
    if (!manifest.config) throw new ImageError('failed', `the manifest of ${this.reference} has no config`);
    const configDigest = manifest.config.digest;
    const configData = verifyBuffer(await readAll(await client.blob(configDigest), this.limits.documentBytes, `config ${configDigest}`), configDigest, `config ${configDigest}`);
    const config = parseDocument<ImageConfig>(configData, `config ${configDigest}`);
    const layers = layersOf(manifest, config, `the manifest of ${this.reference}`);
    return {
      digest: top.digest,
      config,
      layers,
      forEachLayer: async (visit, signal) => {
        for (const layer of layers) {
          if (signal?.aborted) throw new ImageError('cancelled', `the scan of ${this.reference} was cancelled`);
          await visit(layer, await client.blob(layer.digest as string));
        }
      },
    };
  }
}

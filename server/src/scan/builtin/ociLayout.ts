import * as fs from 'fs';
import * as path from 'path';
import type { Readable } from 'stream';
import { digestParts, verifyBuffer } from './blobs';
import { ImageError } from './imageError';
import { chooseManifest, isIndex, layersOf, parseDocument, type Descriptor, type ImageConfig, type ImageSource, type Manifest, type OpenedImage } from './imageSource';
import { byteSize, type ImageLimits } from './limits';

const REF_NAME = 'org.opencontainers.image.ref.name';

/**
 * An OCI image layout folder (`oci:PATH[:TAG]`, as skopeo, umoci and buildah write it): the
 * `index.json` entry whose ref name is TAG (or its only entry), an index in it resolved to the
 * platform, every document verified against its digest.
 */
export class OciLayoutSource implements ImageSource {
  readonly reference: string;
  constructor(
    private readonly dir: string,
    private readonly tag: string | null,
    private readonly platform: string | null,
    private readonly limits: ImageLimits,
  ) {
    this.reference = `oci:${dir}${tag ? `:${tag}` : ''}`;
  }

  async open(): Promise<OpenedImage> {
    const layoutFile = path.join(this.dir, 'oci-layout');
    if (!fs.existsSync(layoutFile)) {
      throw new ImageError('not-found', `${this.dir} is not an OCI image layout (it has no oci-layout file)${fs.existsSync(this.dir) ? '' : ': the folder does not exist'}`);
    }
    const top = parseDocument<Manifest>(this.readFile(path.join(this.dir, 'index.json'), 'index.json'), `${this.dir}/index.json`);
    let descriptor = this.pick(top.manifests ?? []);
    let document = parseDocument<Manifest>(this.readBlob(descriptor), `manifest ${descriptor.digest}`);
    const digest = descriptor.digest;
    for (let hops = 0; isIndex(document.mediaType ?? descriptor.mediaType) || (!document.layers && document.manifests); hops++) {
      if (hops > 2) throw new ImageError('failed', `${this.reference}: indexes nest too deeply`);
      descriptor = chooseManifest(document, this.platform, this.reference);
      document = parseDocument<Manifest>(this.readBlob(descriptor), `manifest ${descriptor.digest}`);
    }
    if (!document.config) throw new ImageError('failed', `manifest ${descriptor.digest} in ${this.dir} has no config`);
    const config = parseDocument<ImageConfig>(this.readBlob(document.config), `config ${document.config.digest}`);
    const layers = layersOf(document, config, `manifest ${descriptor.digest}`);
    return {
      digest,
      config,
      layers,
      forEachLayer: async (visit, signal) => {
        for (const layer of layers) {
          if (signal?.aborted) throw new ImageError('cancelled', `the scan of ${this.reference} was cancelled`);
          const stream: Readable = fs.createReadStream(this.blobPath(layer.digest as string));
          await visit(layer, stream);
        }
      },
    };
  }

  private pick(manifests: Descriptor[]): Descriptor {
    const names = manifests.map((m) => m.annotations?.[REF_NAME]).filter((n): n is string => typeof n === 'string');
    if (this.tag !== null) {
      const found = manifests.find((m) => m.annotations?.[REF_NAME] === this.tag);
      if (found) return found;
      throw new ImageError('not-found', `${this.dir} has no image tagged '${this.tag}'${names.length > 0 ? `; it has ${names.join(', ')}` : ''}`);
    }
    if (manifests.length === 1) return manifests[0] as Descriptor;
    if (manifests.length === 0) throw new ImageError('not-found', `${this.dir} holds no image (index.json lists none)`);
    throw new ImageError('not-found', `${this.dir} holds ${manifests.length} images: name one as oci:${this.dir}:TAG (${names.join(', ') || 'they have no tags'})`);
  }

  private blobPath(digest: string): string {
    const parts = digestParts(digest);
    if (!parts) throw new ImageError('failed', `'${digest}' in ${this.dir} is not a digest`);
    return path.join(this.dir, 'blobs', parts.algorithm, parts.hex);
  }

  private readBlob(descriptor: Descriptor): Buffer {
    const data = this.readFile(this.blobPath(descriptor.digest), `blob ${descriptor.digest}`);
    return verifyBuffer(data, descriptor.digest, `blob ${descriptor.digest}`);
  }

  private readFile(file: string, what: string): Buffer {
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      throw new ImageError('not-found', `${what} is missing from the OCI layout ${this.dir}`);
    }
    if (size > this.limits.documentBytes) throw new ImageError('failed', `${what} in ${this.dir} is ${byteSize(size)}, more than the ${byteSize(this.limits.documentBytes)} a manifest or config may be`);
    return fs.readFileSync(file);
  }
}

import { sortScan, type ImageScan } from '../model';
import { ImageError } from './imageError';
import { localSource, readImage } from './imageReader';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './limits';
import type { RegistryOptions } from './registry/registryClient';
import { RegistrySource } from './registry/registrySource';
import { IMAGE_RULES } from './rules';
import { scannedImage, SCAN_INSPECTOR } from './scannedImage';

export interface BuiltinScanOptions {
  platform: string | null;
  /** `YYYY-MM-DD`: the day end-of-life is judged on. */
  today: string;
  limits?: ImageLimits;
  signal?: AbortSignal;
  /** How to reach registries; without it only local forms are read. */
  registry?: Omit<RegistryOptions, 'signal'>;
}

/**
 * Scans an image with nothing installed: reads it from its source (an OCI layout, a docker save
 * archive, or a registry), streams the layers, runs the
 * image rules and takes the package inventory. Vulnerabilities need an OSV database, which this
 * version does not match against yet: the list is empty and the inventory says what is installed.
 */
export async function scanBuiltin(reference: string, options: BuiltinScanOptions): Promise<ImageScan> {
  const limits = options.limits ?? DEFAULT_IMAGE_LIMITS;
  const source = localSource(reference, { platform: options.platform, limits }) ?? (options.registry ? new RegistrySource(reference, options.platform, { ...options.registry, signal: options.signal }, limits) : null);
  if (!source) throw new ImageError('unsupported', `${reference} is in a registry, and this caller gave the built-in scanner no way to reach one`);
  const contents = await readImage(source, SCAN_INSPECTOR, limits, options.signal);
  const image = scannedImage(contents, options.today);
  const findings = IMAGE_RULES.flatMap((rule) => rule.check(image).map((hit) => ({ ruleId: rule.meta.id, severity: rule.meta.severity, message: hit.message, path: hit.path })));
  return sortScan({
    image: reference,
    digest: contents.image.digest,
    engine: 'builtin',
    os: image.os ? { family: image.os.id, version: image.os.versionId } : null,
    vulnerabilities: [],
    findings,
    packages: image.packages,
  });
}

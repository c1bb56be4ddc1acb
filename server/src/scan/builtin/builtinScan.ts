import type { ProcessHost } from '../processes';
import { NO_OSV_DATABASE, sortScan, type ImageScan, type Vulnerability } from '../model';
import { ImageError } from './imageError';
import { localSource, readImage } from './imageReader';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './limits';
import type { RegistryOptions } from './registry/registryClient';
import { RegistrySource } from './registry/registrySource';
import { OsvDatabaseError, readOsvRecords } from './osv/osvDatabase';
import { matchVulnerabilities, wantedPackages } from './osv/osvMatch';
import { IMAGE_RULES } from './rules';
import { scannedImage, SCAN_INSPECTOR, type ScannedImage } from './scannedImage';

export interface BuiltinScanOptions {
  platform: string | null;
  /** `YYYY-MM-DD`: the day end-of-life is judged on. */
  today: string;
  limits?: ImageLimits;
  signal?: AbortSignal;
  /** How to reach registries; without it only local forms are read. */
  registry?: Omit<RegistryOptions, 'signal'>;
  /** An OSV database (folder, zip or JSON file) to match the inventory against; without it vulnerabilities are not checked. */
  osvDatabase?: string | null;
  /** Runs the local engine's `image save` for `docker-daemon:`; without it that form is refused. */
  processes?: ProcessHost;
}

/**
 * Scans an image with nothing installed: reads it from its source (an OCI layout, a docker save
 * archive, or a registry), streams the layers, runs the image rules, takes the package inventory
 * and, given an OSV database, matches it. Without one the scan says vulnerabilities were not
 * checked (never that there are none).
 */
export async function scanBuiltin(reference: string, options: BuiltinScanOptions): Promise<ImageScan> {
  const limits = options.limits ?? DEFAULT_IMAGE_LIMITS;
  const source = localSource(reference, { platform: options.platform, limits, ...(options.processes ? { processes: options.processes } : {}) }) ?? (options.registry ? new RegistrySource(reference, options.platform, { ...options.registry, signal: options.signal }, limits) : null);
  if (!source) throw new ImageError('unsupported', `${reference} is in a registry, and this caller gave the built-in scanner no way to reach one`);
  const contents = await readImage(source, SCAN_INSPECTOR, limits, options.signal);
  const read = scannedImage(contents, options.today);
  const matched = options.osvDatabase ? await osvVulnerabilities(read, options.osvDatabase, options.signal) : { notChecked: NO_OSV_DATABASE };
  const image: ScannedImage = { ...read, vulnerabilitiesNotChecked: 'notChecked' in matched ? matched.notChecked : null };
  const findings = IMAGE_RULES.flatMap((rule) => rule.check(image).map((hit) => ({ ruleId: rule.meta.id, severity: rule.meta.severity, message: hit.message, path: hit.path })));
  return sortScan({
    image: reference,
    digest: contents.image.digest,
    engine: 'builtin',
    os: image.os ? { family: image.os.id, version: image.os.versionId } : null,
    vulnerabilities: 'vulnerabilities' in matched ? matched.vulnerabilities : [],
    findings,
    packages: image.packages,
  });
}

/**
 * The inventory's vulnerabilities in the database. A database that cannot be read costs the
 * vulnerabilities only, said as the reason they were not checked: the findings and inventory stay.
 */
async function osvVulnerabilities(image: Pick<ScannedImage, 'os' | 'packages'>, database: string, signal?: AbortSignal): Promise<{ vulnerabilities: Vulnerability[] } | { notChecked: string }> {
  const os = image.os ? { id: image.os.id, versionId: image.os.versionId } : null;
  try {
    const { records } = await readOsvRecords(database, wantedPackages(image.packages, os), signal);
    return { vulnerabilities: matchVulnerabilities(image.packages, os, records) };
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw new ImageError('cancelled', 'the scan was cancelled');
    if (e instanceof OsvDatabaseError) return { notChecked: `Vulnerabilities were not checked: ${e.message}. Fix the path given with --osv-db or seaworthy.scan.osvDatabase.` };
    throw e;
  }
}

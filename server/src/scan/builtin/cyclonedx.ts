import { randomUUID } from 'crypto';
import type { ImageScan, ScanPackage } from '../model';

/** Distribution package worlds, and the namespace purl gives them when the OS is not known. */
const DISTRIBUTION_NAMESPACES: Partial<Record<ScanPackage['type'], string>> = { deb: 'debian', apk: 'alpine', rpm: 'redhat' };

/** The package URL of an installed package: `pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12`. */
export function packageUrl(pkg: ScanPackage, os: ImageScan['os']): string {
  const fallback = DISTRIBUTION_NAMESPACES[pkg.type];
  const namespace = fallback ? `${encodeURIComponent(os?.family ?? fallback)}/` : '';
  let version = pkg.version;
  const qualifiers: string[] = [];
  // A dpkg or rpm epoch is a qualifier in purl (`epoch=1`), not part of the version.
  const epoch = pkg.type === 'deb' || pkg.type === 'rpm' ? /^(\d+):(.+)$/.exec(version) : null;
  if (epoch) version = epoch[2] as string;
  if (pkg.architecture) qualifiers.push(`arch=${encodeURIComponent(pkg.architecture)}`);
  if (os && fallback) qualifiers.push(`distro=${encodeURIComponent(`${os.family}-${os.version}`)}`);
  if (epoch) qualifiers.push(`epoch=${epoch[1]}`);
  const name = pkg.name.split('/').map(encodeURIComponent).join('/');
  return `pkg:${pkg.type}/${namespace}${name}@${encodeURIComponent(version)}${qualifiers.length > 0 ? `?${qualifiers.sort().join('&')}` : ''}`;
}

/**
 * A CycloneDX 1.5 BOM of one scanned image: the image as the subject (`container`), its OS and
 * installed packages as components with package URLs, and its vulnerabilities, each pointing at
 * the package it affects. Seaworthy reads it back with `scan --report`.
 */
export function cycloneDxBom(scan: ImageScan, toolVersion: string, now: Date): Record<string, unknown> {
  const packages = scan.packages ?? [];
  const refs = new Map<string, string>();
  const components: Record<string, unknown>[] = [];
  if (scan.os) components.push({ type: 'operating-system', 'bom-ref': `os:${scan.os.family}@${scan.os.version}`, name: scan.os.family, version: scan.os.version });
  for (const pkg of packages) {
    const purl = packageUrl(pkg, scan.os);
    if (refs.has(purl)) continue;
    refs.set(`${pkg.name}\u0000${pkg.version}`, purl);
    components.push({
      type: 'library',
      'bom-ref': purl,
      name: pkg.name,
      version: pkg.version,
      purl,
      properties: [{ name: 'seaworthy:foundIn', value: pkg.foundIn }, ...(pkg.source ? [{ name: 'seaworthy:sourcePackage', value: pkg.source }] : [])],
    });
  }
  const vulnerabilities = scan.vulnerabilities.map((v) => ({
    id: v.id,
    ...(v.url ? { advisories: [{ url: v.url }] } : {}),
    ratings: [{ severity: v.severity === 'unknown' ? 'unknown' : v.severity }],
    description: v.title,
    ...(v.fixedVersion ? { recommendation: `Upgrade ${v.package} to version ${v.fixedVersion}` } : {}),
    affects: [{ ref: refs.get(`${v.package}\u0000${v.installedVersion}`) ?? v.package }],
  }));
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString(),
      tools: { components: [{ type: 'application', name: 'seaworthy', version: toolVersion }] },
      component: { type: 'container', 'bom-ref': scan.image, name: scan.image, ...(scan.digest ? { version: scan.digest } : {}) },
    },
    components,
    vulnerabilities,
  };
}

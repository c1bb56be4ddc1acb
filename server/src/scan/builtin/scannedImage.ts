import * as path from 'path';
import type { FinalFile } from './fileSystem';
import type { ImageContents } from './imageReader';
import type { ImageConfig } from './imageSource';
import { parseApkInstalled } from './inventory/apk';
import { parseDpkgStatus } from './inventory/dpkg';
import { GoBuildInfoFinder, isGoBuildInfo, parseGoBuildInfo } from './inventory/goBuildInfo';
import { isNpmManifest, parseNpmManifest } from './inventory/npm';
import { isPythonMetadata, parsePythonMetadata } from './inventory/python';
import { parseRpmDatabase, RPMDB_SQLITE_PATHS } from './inventory/rpm';
import type { InstalledPackage } from './inventory/package';
import type { ContentInspector } from './layerReader';
import { parseOsRelease, type OsReleaseFacts } from './osRelease';
import { isProgramPath } from './rules/minimalImagePrograms';
import { classifySecretFile, CREDENTIAL_FILE_BYTES, isCredentialFileName, KEY_SNIFF_BYTES, type SecretFile } from './secretFiles';

/** A secret file found in a layer, and whether a container of the image still has it. */
export interface LayerSecret extends SecretFile {
  path: string;
  /** 0-based layer that holds it. */
  layer: number;
  /** In the final file system; false when a later layer deleted or replaced it (it is still in the blob). */
  present: boolean;
}

/** What the image rules look at: the config, the final file system, and what was read from files. */
export interface ScannedImage {
  config: ImageConfig;
  files: ReadonlyMap<string, FinalFile>;
  secrets: LayerSecret[];
  os: OsReleaseFacts | null;
  packages: InstalledPackage[];
  /** `YYYY-MM-DD`: end-of-life is judged on this day. */
  today: string;
  /** Why vulnerabilities were not looked for (no usable OSV database), or null when they were. */
  vulnerabilitiesNotChecked: string | null;
}

const OS_RELEASE_FILES = new Set(['etc/os-release', 'usr/lib/os-release']);
const DPKG_STATUS = 'var/lib/dpkg/status';
const DPKG_STATUS_D = 'var/lib/dpkg/status.d/';
const APK_INSTALLED = 'lib/apk/db/installed';
const DATABASE_BYTES = 64 * 1024 ** 2;
/** Executables larger than this are not searched for Go build information. */
const GO_BINARY_BYTES = 1024 ** 3;
/** One package's own manifest or metadata (npm package.json, Python METADATA). */
const METADATA_BYTES = 4 * 1024 ** 2;

function isPackageDatabase(filePath: string): boolean {
  return filePath === DPKG_STATUS || filePath === APK_INSTALLED || RPMDB_SQLITE_PATHS.includes(filePath) || (filePath.startsWith(DPKG_STATUS_D) && !filePath.endsWith('.md5sums')) || isNpmManifest(filePath) || isPythonMetadata(filePath);
}

/** The packages one database or metadata file lists. */
function packagesIn(filePath: string, content: Buffer): InstalledPackage[] {
  if (RPMDB_SQLITE_PATHS.includes(filePath)) return parseRpmDatabase(content, `/${filePath}`);
  const text = content.toString('utf8');
  if (filePath === APK_INSTALLED) return parseApkInstalled(text, `/${filePath}`);
  if (isNpmManifest(filePath)) return parseNpmManifest(text, filePath);
  if (isPythonMetadata(filePath)) return parsePythonMetadata(text, filePath);
  return parseDpkgStatus(text, `/${filePath}`);
}

/** Reads the OS release, the package databases and every file that may hold a secret; keeps only those. */
export const SCAN_INSPECTOR: ContentInspector = {
  limitFor(filePath) {
    if (OS_RELEASE_FILES.has(filePath)) return 64 * 1024;
    if (isNpmManifest(filePath) || isPythonMetadata(filePath)) return METADATA_BYTES;
    if (isPackageDatabase(filePath)) return DATABASE_BYTES;
    if (isCredentialFileName(filePath)) return CREDENTIAL_FILE_BYTES;
    return KEY_SNIFF_BYTES;
  },
  keep(filePath, _meta, content) {
    return OS_RELEASE_FILES.has(filePath) || isPackageDatabase(filePath) || classifySecretFile(filePath, content) !== null;
  },
  // Executables are watched for a Go binary's build information (its modules are packages).
  watch(_filePath, meta) {
    return (meta.mode & 0o111) !== 0 && meta.size <= GO_BINARY_BYTES ? new GoBuildInfoFinder() : null;
  },
  // Only what a rule looks at is kept of the file system (memory stays flat as images grow):
  // setuid/setgid and world-writable entries, the shells and package managers, the databases.
  record(filePath, meta) {
    return (meta.type !== 'symlink' && (meta.mode & 0o6002) !== 0) || isProgramPath(filePath) || OS_RELEASE_FILES.has(filePath) || isPackageDatabase(filePath) || isCredentialFileName(filePath);
  },
};

/** The facts the rules need, from an image read through `SCAN_INSPECTOR`. */
export function scannedImage(contents: ImageContents, today: string): Omit<ScannedImage, 'vulnerabilitiesNotChecked'> {
  const { files } = contents;
  const finalContent = (filePath: string): Buffer | null => {
    const file = files.get(filePath);
    return file ? (contents.layers.find((l) => l.index === file.layer)?.kept.get(filePath) ?? null) : null;
  };
  const osText = finalContent('etc/os-release') ?? finalContent('usr/lib/os-release');
  const packages: InstalledPackage[] = [];
  for (const filePath of [...files.keys()].sort()) {
    const content = isPackageDatabase(filePath) || files.get(filePath)?.meta.type === 'file' ? finalContent(filePath) : null;
    if (!content) continue;
    if (isGoBuildInfo(content)) packages.push(...parseGoBuildInfo(content, filePath));
    else if (isPackageDatabase(filePath)) packages.push(...packagesIn(filePath, content));
  }
  const secrets: LayerSecret[] = [];
  for (const layer of contents.layers) {
    for (const [filePath, content] of layer.kept) {
      if (OS_RELEASE_FILES.has(filePath) || isPackageDatabase(filePath) || isGoBuildInfo(content)) continue;
      const found = classifySecretFile(filePath, content);
      if (found) secrets.push({ ...found, path: filePath, layer: layer.index, present: files.get(filePath)?.layer === layer.index });
    }
  }
  secrets.sort((a, b) => a.layer - b.layer || a.path.localeCompare(b.path));
  packages.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return { config: contents.image.config, files, secrets, os: osText ? parseOsRelease(osText.toString('utf8')) : null, packages, today };
}

/** `/usr/bin/passwd`: a path of the image as users write it. */
export function shownPath(filePath: string): string {
  return path.posix.join('/', filePath);
}

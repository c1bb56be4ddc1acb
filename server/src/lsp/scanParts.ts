/**
 * What the language server uses of the scanners, loaded through `scanModule()` (its own bundle,
 * `dist/scan.js`). Import these names only through that accessor, never directly.
 */
export { builtinRegistryOptions } from '../scan/backends/builtin';
export { downloadOsvExports, OsvDownloadError } from '../scan/builtin/osv/osvDownload';
export { nodeHttpGet } from '../scan/builtin/registry/http';
export { resolveDigest } from '../scan/builtin/pin';
export { ScanCache } from '../scan/scanCache';
export { DEFAULT_SCAN_TIMEOUT_MS, ENGINE_CHOICES, engineInEffect, PLATFORM_PATTERN, scanImage, ScanError } from '../scan/scanner';
export { exportScanReport } from './scanExport';

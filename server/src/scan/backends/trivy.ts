import type { ImageScan } from '../model';
import { parseReport } from '../reports/reportFormat';
import { REGISTRY_FAILURES, type ScanBackend } from './backend';

/** Trivy (aquasecurity/trivy): `trivy image --format json`, schema 2 on stdout. */
export const trivyBackend: ScanBackend = {
  id: 'trivy',
  name: 'Trivy',
  executable: 'trivy',
  installHint: 'install Trivy (https://trivy.dev, e.g. `brew install trivy` or the release packages)',
  pathSetting: 'seaworthy.scan.trivyPath',
  args: ({ image, platform, timeoutMs }) => [
    'image',
    '--format',
    'json',
    '--quiet',
    // Trivy stops itself after 5 minutes by default; let ours decide.
    '--timeout',
    `${Math.max(1, Math.ceil(timeoutMs / 1000))}s`,
    ...(platform ? ['--platform', platform] : []),
    '--',
    image,
  ],
  parse: (stdout): ImageScan => parseReport(stdout, 'trivy')[0] as ImageScan,
  failures: [
    {
      pattern: /failed to download vulnerability DB|DB error|db download error|failed to (?:init|initialize) (?:the )?(?:vulnerability )?DB|OCI repository error/i,
      kind: 'offline-db',
      advice: 'Trivy could not get its vulnerability database (offline?): connect and scan again, or run `trivy image --download-db-only` once while online',
    },
    ...REGISTRY_FAILURES,
  ],
};

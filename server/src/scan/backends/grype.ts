import type { ImageScan } from '../model';
import { parseReport } from '../reports/reportFormat';
import { REGISTRY_FAILURES, type ScanBackend } from './backend';

/** Grype (anchore/grype): `grype -o json`, its JSON report on stdout. */
export const grypeBackend: ScanBackend = {
  id: 'grype',
  name: 'Grype',
  executable: 'grype',
  installHint: 'install Grype (https://github.com/anchore/grype#installation, e.g. `brew install grype`)',
  pathSetting: 'seaworthy.scan.grypePath',
  args: ({ image, platform }) => ['-o', 'json', ...(platform ? ['--platform', platform] : []), '--', image],
  parse: (stdout): ImageScan => parseReport(stdout, 'grype')[0] as ImageScan,
  failures: [
    {
      pattern: /failed to load vulnerability db|unable to (?:update|download) vulnerability database|vulnerability database is (?:invalid|stale|too old)|db (?:update|download) failed/i,
      kind: 'offline-db',
      advice: 'Grype could not load its vulnerability database (offline?): run `grype db update` while online, or set GRYPE_DB_AUTO_UPDATE=false to use the one it has',
    },
    ...REGISTRY_FAILURES,
  ],
};

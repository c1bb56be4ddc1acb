import * as path from 'node:path';
import { FIXTURES } from './paths';

/** The recorded scanner reports (test/fixtures/scanners, see its NOTICE.md). */
export const SCANNERS = path.join(FIXTURES, 'scanners');

/** The one vulnerability of `trivy/alpine-3.10-image-trivy-0.72.0.json` (a real Trivy 0.72.0 run on alpine:3.10), as the model holds it. */
export const ALPINE_310_VULNERABILITY = {
  id: 'CVE-2021-36159',
  package: 'apk-tools',
  installedVersion: '2.10.6-r0',
  fixedVersion: '2.10.7-r0',
  severity: 'critical',
  title: 'libfetch: an out of boundary read while libfetch uses strtol to parse the relevant numbers into address bytes leads to information leak or crash',
  url: 'https://avd.aquasec.com/nvd/cve-2021-36159',
} as const;

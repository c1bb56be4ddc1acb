import { cycloneDxBom } from '../../scan/builtin/cyclonedx';
import type { ScanReport } from '../scanReport';

/**
 * `scan --format cyclonedx`: the CycloneDX BOM of the image scanned (one document for one image;
 * for several, a JSON array of BOMs, one per image, in the order asked).
 */
export function formatScanCycloneDx(report: ScanReport, toolVersion: string): string {
  const now = new Date();
  const boms = report.scans.map(({ scan }) => cycloneDxBom(scan, toolVersion, now));
  if (boms.length === 0) return '';
  return `${JSON.stringify(boms.length === 1 ? boms[0] : boms)}\n`;
}

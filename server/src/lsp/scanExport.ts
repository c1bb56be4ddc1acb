import * as path from 'path';
import { formatScanJson } from '../cli/formats/scanJson';
import { formatScanMarkdown } from '../cli/formats/scanMarkdown';
import { formatScanSarif } from '../cli/formats/scanSarif';
import type { ScanLocation, ScanReport } from '../cli/scanReport';
import { sameImage } from '../scan/imageReference';
import type { ImageMention } from '../scan/imageMentions';
import type { ImageScan } from '../scan/model';

export type ExportFormat = 'json' | 'sarif' | 'markdown';

/** An open document's path and the images it names. */
export interface NamingDocument {
  filePath: string;
  mentions: ImageMention[];
}

/**
 * The scan results as a file, in the CLI's formats (the same `scan --format json` contract and
 * SARIF), plus Markdown. Each image is located on the lines of the open documents that name it,
 * with paths relative to `folder` (SARIF's `%SRCROOT%`), so code scanning shows the result there.
 */
export function exportScanReport(scans: readonly ImageScan[], documents: readonly NamingDocument[], folder: string, format: ExportFormat, toolVersion: string): string {
  const report: ScanReport = {
    scans: scans.map((scan) => ({ scan, locations: locationsOf(scan, documents, folder) })),
    placed: true,
    cwd: folder,
    inputErrors: [],
  };
  if (format === 'json') return formatScanJson(report);
  if (format === 'sarif') return formatScanSarif(report, toolVersion);
  return formatScanMarkdown(report);
}

function locationsOf(scan: ImageScan, documents: readonly NamingDocument[], folder: string): ScanLocation[] {
  return documents.flatMap((d) =>
    d.mentions
      .filter((m) => sameImage(m.image, scan.image))
      .map((m) => ({ file: (path.relative(folder, d.filePath) || path.basename(d.filePath)).split(path.sep).join('/'), range: m.range })),
  );
}

import { RequestType, type Range, type WorkDoneProgressParams } from 'vscode-languageclient/node';
import type { ImageScan } from '../../../server/src/scan/model';

/**
 * The client's side of the scan requests the server declares in `server/src/lsp/protocol.ts`
 * (restated here: the server's file imports the server's LSP library). The result model is the
 * server's own, `server/src/scan/model.ts`, which is plain data and helpers.
 */
export type { ImageScan, ScanFinding, ScanSeverity, Vulnerability } from '../../../server/src/scan/model';
export { countsSummary as countsOf, SCAN_ENGINE_NAMES as ENGINE_NAMES, SCAN_SEVERITIES, vulnerabilitiesNotChecked, vulnerabilitySummary } from '../../../server/src/scan/model';

export interface ScanImagesParams extends WorkDoneProgressParams {
  uri?: string;
  images?: string[];
  refresh?: boolean;
  trusted?: boolean;
}

export interface ScanImagesResult {
  scans: ImageScan[];
  failures: { image: string; kind: string; message: string }[];
}

export const ScanImagesRequest = new RequestType<ScanImagesParams, ScanImagesResult, void>('seaworthy/scanImages');
export const ImageMentionsRequest = new RequestType<{ uri: string }, { mentions: { image: string; range: Range }[] }, void>('seaworthy/imageMentions');
export const ExportScanReportRequest = new RequestType<{ format: 'json' | 'sarif' | 'markdown'; folder: string }, { content: string }, void>('seaworthy/exportScanReport');
export const ScanEngineRequest = new RequestType<{ uri?: string; trusted?: boolean }, { engine: ImageScan['engine'] }, void>('seaworthy/scanEngine');
export const ClearScanResultsRequest = new RequestType<Record<string, never>, null, void>('seaworthy/clearScanResults');
export const DownloadOsvDatabaseRequest = new RequestType<WorkDoneProgressParams, { folder: string; exports: { ecosystem: string; file: string; bytes: number; records: number }[] }, void>('seaworthy/downloadOsvDatabase');

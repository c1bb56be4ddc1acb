import type { CodeCacheState } from '../codeCache';
import { RequestType, type Range, type WorkDoneProgressParams } from './languageServer';
import type { Fix } from '../engine';
import type { ImageScan, ScanEngineId } from '../scan/model';

/**
 * Everything Seaworthy adds on top of plain LSP, declared once: the initialization options the
 * client may send, the settings section it answers `workspace/configuration` for, the shape of
 * `Diagnostic.data`, and each custom request with who sends it.
 */

/** `initialize.params.initializationOptions`, all optional. */
export interface InitializationOptions {
  /**
   * Milliseconds to wait after an edit before checking the document. 0 checks after every
   * change (tests and the benchmark use it). Unset (the default): each document waits as long as
   * its checks cost — none when it checks in a few milliseconds. A newly opened document is
   * checked at once either way.
   */
  debounceMs?: number;
  /** Answer `seaworthy/dev/stats` (tests and the benchmark only; the extension never sets it). */
  dev?: boolean;
  /**
   * The client answers `workspace/configuration` alike for every document in one workspace
   * folder, and alike for every document outside them (VS Code does, for settings that are not
   * language-overridable). The server then asks once per folder instead of once per document, so
   * a document opened in a folder already seen is checked without waiting for the client. Unset:
   * the server asks for every document, as a client may answer per file.
   */
  settingsPerFolder?: boolean;
}

/** The section the server asks for with `workspace/configuration`, per document. */
export const SETTINGS_SECTION = 'seaworthy';

/** `Diagnostic.data` on every Seaworthy diagnostic: enough to offer its fix without re-linting. */
export interface DiagnosticData {
  ruleId: string;
  fix?: Fix;
}

/** Diagnostic source, also how code actions recognise their own diagnostics. */
export const DIAGNOSTIC_SOURCE = 'seaworthy';

/** The code action kind of fix-all, as VS Code's `editor.codeActionsOnSave` names it. */
export const FIX_ALL_KIND = 'source.fixAll.seaworthy';

export interface RuleDocsParams {
  ruleId: string;
}

export interface RuleDocsResult {
  /** `file:` URI of the rule's generated page `docs/rules/<id>.md` next to the bundle. */
  uri: string;
  /** The page's text when it exists on disk. */
  markdown?: string;
}

/**
 * Client → server: where a rule's documentation lives, and its text. Unknown ids get a
 * `null` result rather than an error.
 */
export const RuleDocsRequest = new RequestType<RuleDocsParams, RuleDocsResult | null, void>('seaworthy/ruleDocs');

/** `seaworthy/scanImages` parameters. */
export interface ScanImagesParams extends WorkDoneProgressParams {
  /** The document whose `FROM` / `image:` lines get the results; its images when `images` is absent. */
  uri?: string;
  /** References to scan (validated by the server). */
  images?: string[];
  /** Scan again even when a result is cached. */
  refresh?: boolean;
  /**
   * False in an untrusted workspace: the server then runs no executable a setting names, only
   * scanners found on PATH. Absent means trusted (clients without workspace trust).
   */
  trusted?: boolean;
}

export interface ScanImageFailure {
  image: string;
  /** `missing-scanner`, `timeout`, `cancelled`, `login`, `offline-db`, … (see `ScanErrorKind`). */
  kind: string;
  message: string;
}

export interface ScanImagesResult {
  /** The scan model of DESIGN.md, one per image that was scanned. */
  scans: ImageScan[];
  failures: ScanImageFailure[];
}

/**
 * Client → server: scan images with the engine `seaworthy.scan.engine` names. The server reports
 * work-done progress (on the client's `workDoneToken`, or its own when the client supports it),
 * ends the scanner when the request is cancelled (`$/cancelRequest`) or the progress is
 * cancelled, and publishes the results as diagnostics on every open document's lines that name
 * a scanned image, next to the lint findings.
 */
export const ScanImagesRequest = new RequestType<ScanImagesParams, ScanImagesResult, void>('seaworthy/scanImages');

/** `seaworthy/downloadOsvDatabase` parameters: progress only (the folder is the server's `SEAWORTHY_OSV_DIR`). */
export type DownloadOsvDatabaseParams = WorkDoneProgressParams;

export interface DownloadOsvDatabaseResult {
  /** The folder the exports went to; scans use it when `seaworthy.scan.osvDatabase` is not set. */
  folder: string;
  exports: { ecosystem: string; file: string; bytes: number; records: number }[];
}

/**
 * Client → server: download osv.dev's per-ecosystem exports (`<Ecosystem>/all.zip`, below
 * `SEAWORTHY_OSV_URL` when set, else osv.dev's bucket) into the folder the client named in the
 * server's environment (`SEAWORTHY_OSV_DIR`, the extension's storage), with work-done progress
 * and cancellation; a failed or cancelled download leaves the previous database as it was.
 */
export const DownloadOsvDatabaseRequest = new RequestType<DownloadOsvDatabaseParams, DownloadOsvDatabaseResult, void>('seaworthy/downloadOsvDatabase');

export interface ImageMentionsParams {
  uri: string;
}

export interface ImageMentionsResult {
  /** Each `FROM` image (`ARG` defaults resolved) or `image:` value, with the range of its text. */
  mentions: { image: string; range: Range }[];
}

/** Client → server: the images an open document names (for the code lens and "Scan Image…"). */
export const ImageMentionsRequest = new RequestType<ImageMentionsParams, ImageMentionsResult, void>('seaworthy/imageMentions');

/** Client → server: the engine a scan started now would use (`auto` resolved), for "Scan Image…". */
export interface ScanEngineParams {
  /** The document whose settings apply (none: the workspace's). */
  uri?: string;
  trusted?: boolean;
}

export const ScanEngineRequest = new RequestType<ScanEngineParams, { engine: ScanEngineId }, void>('seaworthy/scanEngine');

/** Client → server: forget every scan result and remove their diagnostics. */
export const ClearScanResultsRequest = new RequestType<Record<string, never> | null, null, void>('seaworthy/clearScanResults');

export interface ExportScanReportParams {
  format: 'json' | 'sarif' | 'markdown';
  /** The folder paths in the report are relative to (SARIF's `%SRCROOT%`): usually the workspace folder. */
  folder: string;
}

/**
 * Client → server: every current scan result as a file's text, in the CLI's formats (`json`,
 * `sarif`) or Markdown, located on the lines of the open documents that name each image.
 */
export const ExportScanReportRequest = new RequestType<ExportScanReportParams, { content: string }, void>('seaworthy/exportScanReport');

/** `Diagnostic.code` of the summary a scan puts on a line that names an image. */
export const SCAN_DIAGNOSTIC_CODE = 'image-vulnerabilities';

export interface DocumentStatusParams {
  uri: string;
}

/** What the status bar says about an open document. */
export interface DocumentStatus {
  /** Whether the server tracks it at all (a language it checks). */
  tracked: boolean;
  /** Whether its findings are reported: false when disabled, ignored, or of a kind with no rules. */
  checked: boolean;
  /** `dockerfile`, `kubernetes`, `compose`, `yaml` (no object or service found) or `unknown`. */
  kind: string;
  /** Why it is not checked, when it is not. */
  notChecked?: 'disabled' | 'ignored' | 'no-rules' | 'not-a-target';
  /** The `.seaworthy.yaml` in force for it (`file:` URI) and how many mistakes it has. */
  config: { uri: string; problems: number } | null;
}

/** Client → server: the status of an open document (null when it is not open). */
export const DocumentStatusRequest = new RequestType<DocumentStatusParams, DocumentStatus | null, void>('seaworthy/documentStatus');

export type CheckWorkspaceParams = WorkDoneProgressParams;

export interface CheckWorkspaceResult {
  /** Dockerfiles, manifests and Compose files found (after `.gitignore`). */
  files: number;
  /** Linted this time; the rest were open (checked as typed), unchanged since the last run, or ignored. */
  checked: number;
  unchanged: number;
  /** Seaworthy findings now shown for closed files, and in how many files. */
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
}

/**
 * Client → server: lint every Dockerfile, manifest and Compose file in the workspace folders and
 * publish diagnostics for the closed ones, with work-done progress and cancellation. From then on
 * the server keeps them current from the file watcher, re-linting only files that changed.
 */
export const CheckWorkspaceRequest = new RequestType<CheckWorkspaceParams, CheckWorkspaceResult, void>('seaworthy/checkWorkspace');

export interface DevStatsParams {
  /** An open document to report on (optional). */
  uri?: string;
  /** Collect garbage first when the server runs with `--expose-gc`, so `heapUsed` is what is kept. */
  gc?: boolean;
}

export interface DevStats {
  /** The server's V8 heap in use, in bytes, without the code spaces (compiled code grows as the JIT warms). */
  heapUsed: number;
  /** Documents the server tracks. */
  tracked: number;
  /** For `uri`: how often it was linted, what a lint costs (ms, moving average), the wait its last check was scheduled with. */
  document: { lints: number; costMs: number | null; lastDelayMs: number | null } | null;
  /** Per bundle, what became of its V8 code cache in this process; null when the server runs without one. */
  codeCache: CodeCacheState | null;
}

/**
 * Client → server; answered (else null) only when `initializationOptions.dev` is true: the server's heap and its
 * per-document check bookkeeping, so tests over JSON-RPC can see scheduling and memory.
 */
export const DevStatsRequest = new RequestType<DevStatsParams | null, DevStats | null, void>('seaworthy/dev/stats');

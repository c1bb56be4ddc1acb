import * as fs from 'fs';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type ClientCapabilities, type Connection, type Diagnostic } from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeProcessHost } from '../host/nodeProcessHost';
import { canonicalReference } from '../scan/imageReference';
import type { ImageMention } from '../scan/imageMentions';
import type { ImageScan, ScanEngineId } from '../scan/model';
import type { ProcessHost } from '../scan/processes';
import type { ScanCache } from '../scan/scanCache';
import { imageMentionsModule } from './imageMentionsModule';
import { packageVersion } from '../cli/packageVersion';
import { filePathOf } from './analysis';
import type { DownloadOsvDatabaseParams, DownloadOsvDatabaseResult, ExportScanReportParams, ImageMentionsResult, ScanEngineParams, ScanImageFailure, ScanImagesParams, ScanImagesResult } from './protocol';
import type { NamingDocument } from './scanExport';
import { scanDiagnostic } from './scanDiagnostics';
import { scanModule } from './scanModule';
import { SCAN_SETTINGS_SECTION, scanSettingsOf, type ScanSettings } from './scanSettings';
import { workDoneProgressFor } from './workDoneProgress';

/** What a document is, for finding the images it names: null for files that name none. */
export type MentionKind = 'dockerfile' | 'yaml' | null;

/** Dockerfiles name images on `FROM` lines, manifests and Compose files in `image:` fields. */
export function mentionKindOf(kind: string | undefined): MentionKind {
  if (kind === 'dockerfile') return 'dockerfile';
  return kind === 'kubernetes' || kind === 'compose' || kind === 'yaml' ? 'yaml' : null;
}

export interface ImageScansContext {
  connection: Connection;
  capabilities: () => ClientCapabilities;
  document: (uri: string) => TextDocument | undefined;
  kindOf: (document: TextDocument) => Promise<MentionKind>;
  /** Re-publishes every open document's diagnostics (lint and scan results). */
  republishAll: () => void;
  log: (message: string) => void;
}

/**
 * The language server's side of image scans: runs `seaworthy/scanImages` with progress and
 * cancellation, keeps the latest result per image, and turns results into diagnostics on the
 * lines of open documents that name a scanned image.
 */
export class ImageScans {
  /** The latest scan per image (canonical reference), whichever engine ran it. */
  private readonly results = new Map<string, ImageScan>();
  private readonly mentionCache = new Map<string, { version: number; mentions: ImageMention[] }>();
  private readonly host: ProcessHost = nodeProcessHost();
  /** Made with the first scan: the scanners are loaded then (`scanModule`). */
  private scanCache: ScanCache | undefined;

  constructor(private readonly context: ImageScansContext) {}

  /** Scan summaries for a document's image lines; nothing (and no parse) until something was scanned. */
  diagnosticsFor(document: TextDocument, kind: MentionKind): Diagnostic[] {
    if (this.results.size === 0 || kind === null) return [];
    const out: Diagnostic[] = [];
    for (const mention of this.mentionsOf(document, kind)) {
      const scan = this.results.get(canonicalReference(mention.image));
      if (scan) out.push(scanDiagnostic(mention, scan));
    }
    return out;
  }

  async mentions(uri: string): Promise<ImageMentionsResult> {
    const document = this.context.document(uri);
    const kind = document ? await this.context.kindOf(document) : null;
    if (!document || kind === null) return { mentions: [] };
    return { mentions: this.mentionsOf(document, kind).map((m) => ({ image: m.image, range: m.range })) };
  }

  /** The engine a scan of a registry reference would run now (`auto` resolved against PATH). */
  async engine(params: ScanEngineParams): Promise<{ engine: ScanEngineId }> {
    const settings = await this.settingsFor(params);
    return { engine: scanModule().engineInEffect(settings.engine, { executablePaths: settings.executablePaths }, this.host) };
  }

  /** The current results as a report file's text (see `exportScanReport`). */
  async export(params: ExportScanReportParams, openDocuments: readonly TextDocument[]): Promise<{ content: string }> {
    const format = ['json', 'sarif', 'markdown'].includes(params.format) ? params.format : 'json';
    const documents: NamingDocument[] = [];
    for (const document of openDocuments) {
      const filePath = filePathOf(document.uri);
      const kind = filePath ? await this.context.kindOf(document) : null;
      if (filePath && kind) documents.push({ filePath, mentions: this.mentionsOf(document, kind) });
    }
    return { content: scanModule().exportScanReport([...this.results.values()], documents, String(params.folder ?? ''), format, packageVersion()) };
  }

  clear(): void {
    this.results.clear();
    this.scanCache?.clear();
    this.context.republishAll();
  }

  async scan(params: ScanImagesParams, token: CancellationToken): Promise<ScanImagesResult> {
    const images = await this.imagesToScan(params);
    const settings = await this.settingsFor(params);
    const progress = await workDoneProgressFor(this.context.connection, this.context.capabilities(), params);
    const cancel = new CancellationTokenSource();
    const controller = new AbortController();
    const listeners = [token, ...(progress?.token ? [progress.token] : [])].map((t) => t.onCancellationRequested(() => cancel.cancel()));
    cancel.token.onCancellationRequested(() => controller.abort());
    progress?.reporter.begin('Seaworthy: scanning', 0, images.length === 1 ? images[0] : `${images.length} images`, true);
    const scans: ImageScan[] = [];
    const failures: ScanImageFailure[] = [];
    try {
      for (const [index, image] of images.entries()) {
        progress?.reporter.report(Math.floor((index / images.length) * 100), `${image} (${index + 1} of ${images.length})`);
        const outcome = await this.scanOne(image, settings, params, controller.signal);
        if ('message' in outcome) failures.push(outcome);
        else scans.push(outcome);
        if (controller.signal.aborted) break;
      }
    } finally {
      listeners.forEach((l) => l.dispose());
      cancel.dispose();
      progress?.reporter.done();
    }
    if (scans.length > 0) this.context.republishAll();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the scan was cancelled; the scanner was stopped');
    return { scans, failures };
  }

  /**
   * Downloads osv.dev's exports into `SEAWORTHY_OSV_DIR` (see `DownloadOsvDatabaseRequest`) with
   * progress per ecosystem and bytes; cancelling the request or its progress stops it, and a
   * failure is answered with its reason (the previous database is kept either way).
   */
  async downloadOsv(params: DownloadOsvDatabaseParams, token: CancellationToken): Promise<DownloadOsvDatabaseResult> {
    const env = this.host.env;
    const folder = env.SEAWORTHY_OSV_DIR;
    if (!folder) throw new ResponseError(LSPErrorCodes.RequestFailed, 'the client named no folder to download the OSV database into (SEAWORTHY_OSV_DIR)');
    const { downloadOsvExports, nodeHttpGet, OsvDownloadError } = scanModule();
    const progress = await workDoneProgressFor(this.context.connection, this.context.capabilities(), params);
    const controller = new AbortController();
    const listeners = [token, ...(progress?.token ? [progress.token] : [])].map((t) => t.onCancellationRequested(() => controller.abort()));
    progress?.reporter.begin('Seaworthy: downloading the vulnerability database', 0, undefined, true);
    let reported = '';
    try {
      const exports = await downloadOsvExports(folder, {
        httpGet: nodeHttpGet(env),
        ...(env.SEAWORTHY_OSV_URL ? { baseUrl: env.SEAWORTHY_OSV_URL } : {}),
        signal: controller.signal,
        onProgress: (p) => {
          // One report per percent of an export (per megabyte when its size is unknown), not per chunk.
          const step = `${p.index} ${p.total ? Math.floor((p.bytes / p.total) * 100) : Math.floor(p.bytes / 1024 ** 2)}`;
          if (step === reported) return;
          reported = step;
          const message = `${p.ecosystem} (${p.index + 1} of ${p.count}): ${megabytes(p.bytes)}${p.total ? ` of ${megabytes(p.total)}` : ''}`;
          progress?.reporter.report(Math.floor(((p.index + (p.total ? Math.min(p.bytes / p.total, 1) : 0)) / p.count) * 100), message);
        },
      });
      this.context.log(`OSV database downloaded into ${folder}: ${exports.map((e) => `${e.ecosystem} ${e.records} records`).join(', ')}`);
      this.scanCache?.clear();
      return { folder, exports };
    } catch (e) {
      if (!(e instanceof OsvDownloadError)) throw e;
      if (controller.signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the download was cancelled; the previous database is kept');
      throw new ResponseError(LSPErrorCodes.RequestFailed, `${e.message}; the previous database is kept`);
    } finally {
      listeners.forEach((l) => l.dispose());
      progress?.reporter.done();
    }
  }

  private async scanOne(image: string, settings: ScanSettings, params: ScanImagesParams, signal: AbortSignal): Promise<ImageScan | ScanImageFailure> {
    try {
      const { scanImage, ScanCache } = scanModule();
      this.scanCache ??= new ScanCache(this.host.clock);
      const scan = await scanImage(
        image,
        { engine: settings.engine, platform: settings.platform, timeoutMs: settings.timeoutMs, executablePaths: settings.executablePaths, osvDatabase: settings.osvDatabase ?? downloadedOsvDatabase(this.host.env), insecureRegistries: settings.insecureRegistries, signal, refresh: params.refresh === true, onStderr: (text) => this.context.connection.console.log(text.replace(/\n$/, '')) },
        this.host,
        this.scanCache,
      );
      this.results.set(canonicalReference(image), scan);
      return scan;
    } catch (e) {
      if (!(e instanceof scanModule().ScanError)) throw e;
      this.context.log(`scan of ${image} failed (${e.kind}): ${e.message}`);
      return { image, kind: e.kind, message: e.message };
    }
  }

  /** The images asked for, or every image the document names, each once. */
  private async imagesToScan(params: ScanImagesParams): Promise<string[]> {
    if (params.images && params.images.length > 0) return [...new Set(params.images.filter((i): i is string => typeof i === 'string'))];
    if (!params.uri) throw new ResponseError(LSPErrorCodes.RequestFailed, 'name the images to scan or the document whose images to scan');
    const { mentions } = await this.mentions(params.uri);
    if (mentions.length === 0) throw new ResponseError(LSPErrorCodes.RequestFailed, 'this document names no image to scan (FROM lines with an image, or image: fields)');
    return [...new Set(mentions.map((m) => m.image))];
  }

  /** The `seaworthy.scan` settings for a document (scans and "Pin to digest" read them). */
  async settingsFor(params: Pick<ScanImagesParams, 'uri' | 'trusted'>): Promise<ScanSettings> {
    let raw: unknown = null;
    if (this.context.capabilities().workspace?.configuration) {
      try {
        raw = await this.context.connection.workspace.getConfiguration({ ...(params.uri ? { scopeUri: params.uri } : {}), section: SCAN_SETTINGS_SECTION });
      } catch (e) {
        this.context.log(`could not read ${SCAN_SETTINGS_SECTION}, using the defaults: ${String(e)}`);
      }
    }
    return scanSettingsOf(raw, params.trusted !== false);
  }

  /** The images a document names, parsed once per version (scans and "Pin to digest" share it). */
  mentionsOf(document: TextDocument, kind: 'dockerfile' | 'yaml'): ImageMention[] {
    const hit = this.mentionCache.get(document.uri);
    if (hit && hit.version === document.version) return hit.mentions;
    const mentions = imageMentionsModule().imageMentionsIn(document.getText(), kind);
    this.mentionCache.set(document.uri, { version: document.version, mentions });
    return mentions;
  }

  forget(uri: string): void {
    this.mentionCache.delete(uri);
  }
}

/** A request whose failure the client must see: its own errors pass through, a bug becomes an internal error. */
export async function answerOrFail<R>(name: string, log: (message: string) => void, handler: () => Promise<R>): Promise<R> {
  try {
    return await handler();
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
    throw new ResponseError(ErrorCodes.InternalError, `Seaworthy: ${name} failed (${(e as Error)?.message ?? String(e)})`);
  }
}

/** Whole megabytes with one decimal, for progress messages. */
function megabytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** The database `seaworthy.downloadOsvDatabase` fetched (`SEAWORTHY_OSV_DIR`), when there is one: scans use it unless `seaworthy.scan.osvDatabase` names another. */
function downloadedOsvDatabase(env: NodeJS.ProcessEnv): string | null {
  const folder = env.SEAWORTHY_OSV_DIR;
  if (!folder) return null;
  try {
    return fs.readdirSync(folder).some((name) => name.endsWith('.zip')) ? folder : null;
  } catch {
    return null;
  }
}

import * as vscode from 'vscode';
import type { ImageScan } from './scanProtocol';

/** What the status bar shows: a scan under way, or the last one. */
export type ScanActivity = { state: 'running'; images: string[] } | { state: 'done'; scans: ImageScan[]; failed: number } | { state: 'idle' };

/**
 * The scan results the client draws (tree view, code lens, status bar): the latest scan of each
 * image, as the server returned it. The server keeps its own copy for diagnostics and export.
 */
export class ScanStore implements vscode.Disposable {
  private readonly scans = new Map<string, ImageScan>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  activity: ScanActivity = { state: 'idle' };

  all(): ImageScan[] {
    return [...this.scans.values()];
  }

  get(image: string): ImageScan | undefined {
    return this.scans.get(image);
  }

  started(images: string[]): void {
    this.activity = { state: 'running', images };
    this.changed.fire();
  }

  finished(scans: readonly ImageScan[], failed: number): void {
    for (const scan of scans) this.scans.set(scan.image, scan);
    this.activity = scans.length > 0 || failed > 0 ? { state: 'done', scans: [...scans], failed } : { state: 'idle' };
    this.changed.fire();
  }

  clear(): void {
    this.scans.clear();
    this.activity = { state: 'idle' };
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

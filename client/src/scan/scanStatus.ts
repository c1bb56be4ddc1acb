import * as vscode from 'vscode';
import { countsOf, vulnerabilitiesNotChecked, vulnerabilitySummary } from './scanProtocol';
import type { ScanStore } from './scanStore';

/** The running or last scan in the status bar; a click opens the Seaworthy view. */
export class ScanStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('seaworthy.scanStatus', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ScanStore,
    viewId: string,
  ) {
    this.item.name = 'Seaworthy image scan';
    this.item.command = { title: 'Show Image Scans', command: `${viewId}.focus` };
    this.subscription = store.onDidChange(() => this.render());
    this.render();
  }

  private render(): void {
    const activity = this.store.activity;
    if (activity.state === 'idle') {
      this.item.hide();
      return;
    }
    if (activity.state === 'running') {
      const what = activity.images.length === 1 ? activity.images[0] : `${activity.images.length} images`;
      this.item.text = `$(sync~spin) Scanning ${what}`;
      this.item.tooltip = `Seaworthy is scanning ${activity.images.join(', ')}`;
    } else {
      const vulnerabilities = activity.scans.flatMap((s) => s.vulnerabilities);
      const failed = activity.failed > 0 ? `, ${activity.failed} failed` : '';
      // Scans whose vulnerabilities were not checked (built-in, no OSV database) never count as "none".
      const unchecked = activity.scans.length > 0 && vulnerabilities.length === 0 && activity.scans.some((s) => vulnerabilitiesNotChecked(s) !== null);
      this.item.text = `$(shield) ${unchecked ? 'vulnerabilities not checked' : countsOf(vulnerabilities)}${failed}`;
      this.item.tooltip = `Last Seaworthy scan: ${activity.scans.map((s) => `${s.image}: ${vulnerabilitySummary(s)}`).join('; ') || 'no image scanned'}${failed}. Click to show the results.`;
    }
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

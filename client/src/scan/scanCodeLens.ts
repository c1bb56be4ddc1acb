import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENGINE_NAMES, ImageMentionsRequest, vulnerabilitySummary } from './scanProtocol';
import type { ScanStore } from './scanStore';

/**
 * "Scan image" above each `FROM` line and `image:` field (the server says where they are), and
 * the last result of that image beside it. `seaworthy.scan.codeLens: false` turns it off, and so
 * does `seaworthy.enable: false` for the files it covers.
 */
export class ScanCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly client: LanguageClient,
    private readonly store: ScanStore,
  ) {
    this.subscriptions = [
      store.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('seaworthy.scan.codeLens') || e.affectsConfiguration('seaworthy.enable')) this.changed.fire();
      }),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    // Where `seaworthy.enable` turns Seaworthy off (the status bar says "off"), no lens either.
    const settings = vscode.workspace.getConfiguration('seaworthy', document);
    if (!settings.get<boolean>('enable', true) || !settings.get<boolean>('scan.codeLens', true) || !this.client.isRunning()) return [];
    const { mentions } = await this.client.sendRequest(ImageMentionsRequest, { uri: document.uri.toString() }, token);
    return mentions.flatMap((m) => {
      const range = this.client.protocol2CodeConverter.asRange(m.range);
      const lenses = [new vscode.CodeLens(range, { title: 'Scan image', command: 'seaworthy.scanImage', arguments: [{ image: m.image, uri: document.uri.toString() }] })];
      const scan = this.store.get(m.image);
      if (scan) {
        lenses.push(new vscode.CodeLens(range, { title: `${vulnerabilitySummary(scan)} (${ENGINE_NAMES[scan.engine]})`, command: 'seaworthy.scanResults.focus' }));
      }
      return lenses;
    });
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

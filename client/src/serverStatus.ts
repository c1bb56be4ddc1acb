import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { isChecked } from './languages';

export type ServerState = 'starting' | 'running' | 'stopped' | 'error';

interface Look {
  icon: string;
  words: string;
  background?: vscode.ThemeColor;
}

const LOOKS: Record<ServerState, Look> = {
  starting: { icon: '$(sync~spin)', words: 'starting' },
  running: { icon: '$(shield)', words: 'running' },
  stopped: { icon: '$(circle-slash)', words: 'stopped', background: new vscode.ThemeColor('statusBarItem.warningBackground') },
  error: { icon: '$(error)', words: 'failed', background: new vscode.ThemeColor('statusBarItem.errorBackground') },
};

export function serverStateOf(state: State): ServerState {
  switch (state) {
    case State.Starting:
      return 'starting';
    case State.Running:
      return 'running';
    case State.StartFailed:
      return 'error';
    default:
      return 'stopped';
  }
}

/**
 * The language server's state in the status bar. It shows while a checked file is in the active
 * editor, and always when something is wrong; a click opens the output channel.
 */
export class ServerStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('seaworthy.status', vscode.StatusBarAlignment.Right, 100);
  private readonly listener: vscode.Disposable;
  private state: ServerState = 'starting';
  private detail: string | undefined;

  constructor(showOutputCommand: string) {
    this.item.name = 'Seaworthy';
    this.item.command = { title: 'Show Output', command: showOutputCommand };
    this.listener = vscode.window.onDidChangeActiveTextEditor(() => this.render());
    this.render();
  }

  /** `detail` (why it failed or stopped) goes in the tooltip; a later state without one clears it. */
  set(state: ServerState, detail?: string): void {
    // A crash that will not be restarted ends in "stopped" right after the handler reported the error.
    if (this.state === 'error' && state === 'stopped') return;
    this.state = state;
    this.detail = detail;
    this.render();
  }

  get current(): ServerState {
    return this.state;
  }

  private render(): void {
    const look = LOOKS[this.state];
    this.item.text = `${look.icon} Seaworthy`;
    this.item.backgroundColor = look.background;
    const tooltip = new vscode.MarkdownString(`**Seaworthy** language server: ${look.words}`);
    if (this.detail) tooltip.appendMarkdown('\n\n').appendText(this.detail);
    tooltip.appendMarkdown('\n\nClick to show the output.');
    this.item.tooltip = tooltip;
    const editor = vscode.window.activeTextEditor;
    const relevant = editor !== undefined && isChecked(editor.document);
    if (relevant || this.state === 'error' || this.state === 'stopped') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}

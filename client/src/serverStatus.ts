import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { DocumentStatus } from './editorProtocol';
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

const KIND_NAMES: Record<string, string> = {
  dockerfile: 'Dockerfile',
  kubernetes: 'Kubernetes',
  compose: 'Compose',
  yaml: 'YAML',
  config: '.seaworthy.yaml',
};

/** What the item shows: its text, the same in plain words for screen readers, a tooltip and a click. */
export interface StatusView {
  text: string;
  label: string;
  tooltip: string;
  command: vscode.Command;
  warning: boolean;
}

/** Finding counts of the Seaworthy diagnostics of one document. */
export interface Counts {
  errors: number;
  warnings: number;
  other: number;
}

export function countsIn(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, other: 0 };
  for (const d of diagnostics) {
    if (d.source !== 'seaworthy') continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
    else counts.other++;
  }
  return counts;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The status of the active document in words (pure, so it is tested without a workbench): its
 * kind, whether it is checked and why not, its findings, and the config in force; a broken
 * config turns it into a warning whose click opens that file.
 */
export function statusView(status: DocumentStatus, counts: Counts, configLabel: (uri: string) => string, showOutput: vscode.Command): StatusView {
  const kind = KIND_NAMES[status.kind] ?? 'File';
  const policy = status.config ? `Policy: ${configLabel(status.config.uri)}` : 'Policy: the defaults (no .seaworthy.yaml applies)';
  if (status.notChecked === 'disabled') {
    return {
      text: '$(circle-slash) Seaworthy: off',
      label: 'Seaworthy is turned off (seaworthy.enable)',
      tooltip: 'Seaworthy is turned off by the setting seaworthy.enable. Click to change it.',
      command: { title: 'Open Settings', command: 'workbench.action.openSettings', arguments: ['seaworthy.enable'] },
      warning: false,
    };
  }
  if (status.config && status.config.problems > 0) {
    const where = configLabel(status.config.uri);
    const problems = plural(status.config.problems, 'problem');
    return {
      text: `$(warning) Seaworthy: ${where} has ${problems}`,
      label: `Seaworthy warning: ${where} has ${problems}, so the defaults stand in for those settings. Activate to open it.`,
      tooltip: `The team policy in ${where} has ${problems}; the defaults stand in for those settings until it is fixed. Click to open it.`,
      command: { title: 'Open .seaworthy.yaml', command: 'vscode.open', arguments: [vscode.Uri.parse(status.config.uri)] },
      warning: true,
    };
  }
  const total = counts.errors + counts.warnings + counts.other;
  if (!status.checked) {
    const why =
      status.notChecked === 'ignored'
        ? 'ignorePaths names this file (in .seaworthy.yaml or seaworthy.ignorePaths)'
        : status.notChecked === 'no-rules'
          ? `Seaworthy has no ${kind} rules yet`
          : 'not a Dockerfile, Kubernetes object or Compose file';
    return {
      text: `$(dash) ${kind}: not checked`,
      label: `Seaworthy does not check this ${kind} file: ${why}`,
      tooltip: `Seaworthy does not check this file: ${why}.${total > 0 ? ` ${plural(total, 'syntax problem')} reported.` : ''}\n\n${policy}`,
      command: showOutput,
      warning: false,
    };
  }
  const parts = [counts.errors > 0 ? plural(counts.errors, 'error') : '', counts.warnings > 0 ? plural(counts.warnings, 'warning') : '', counts.other > 0 ? `${counts.other} info` : ''].filter((p) => p !== '');
  const findings = total === 0 ? 'no findings' : plural(total, 'finding');
  return {
    text: `${total === 0 ? '$(pass)' : '$(shield)'} ${kind}: ${findings}`,
    label: `Seaworthy checks this ${kind} file: ${findings}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}. ${policy}.`,
    tooltip: `Seaworthy checks this ${kind} file: ${findings}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}.\n\n${policy}\n\nClick to show the output.`,
    command: showOutput,
    warning: false,
  };
}

/**
 * The Seaworthy item in the status bar, about the active editor: what the server says of the
 * document (kind, checked or not, config in force) with its finding counts. It shows while a
 * file of a checked language is active, and always when the server is down; the server's
 * state is in the tooltip.
 */
export class ServerStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('seaworthy.status', vscode.StatusBarAlignment.Right, 100);
  private readonly listeners: vscode.Disposable[];
  private state: ServerState = 'starting';
  private detail: string | undefined;
  private status: { uri: string; value: DocumentStatus } | null = null;
  private asked = 0;

  constructor(
    private readonly showOutputCommand: string,
    private readonly query: ((uri: string) => Promise<DocumentStatus | null>) | null = null,
  ) {
    this.item.name = 'Seaworthy';
    this.listeners = [
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        // The server publishes after each check: the status (and the config in force) may have changed too.
        if (active && e.uris.some((u) => u.toString() === active)) this.refresh();
      }),
    ];
    this.render();
  }

  /** `detail` (why it failed or stopped) goes in the tooltip; a later state without one clears it. */
  set(state: ServerState, detail?: string): void {
    // A crash that will not be restarted ends in "stopped" right after the handler reported the error.
    if (this.state === 'error' && state === 'stopped') return;
    this.state = state;
    this.detail = detail;
    this.refresh();
  }

  get current(): ServerState {
    return this.state;
  }

  /** The text shown now (for tests in the extension host). */
  get text(): string {
    return this.item.text;
  }

  get accessibilityLabel(): string | undefined {
    return this.item.accessibilityInformation?.label;
  }

  /** Asks the server about the active document, then renders; a newer question wins. */
  refresh(): void {
    const editor = vscode.window.activeTextEditor;
    const uri = editor && isChecked(editor.document) ? editor.document.uri.toString() : null;
    if (this.status?.uri !== uri) this.status = null;
    this.render();
    if (!uri || !this.query || this.state !== 'running') return;
    const ticket = ++this.asked;
    this.query(uri).then(
      (value) => {
        if (ticket !== this.asked) return;
        this.status = value ? { uri, value } : null;
        this.render();
      },
      () => undefined, // the server is going down: its state change renders
    );
  }

  private render(): void {
    const editor = vscode.window.activeTextEditor;
    const relevant = editor !== undefined && isChecked(editor.document);
    const look = LOOKS[this.state];
    const showOutput: vscode.Command = { title: 'Show Output', command: this.showOutputCommand };
    const server = `Language server: ${look.words}${this.detail ? ` (${this.detail})` : ''}`;
    if (this.state === 'running' && this.status && editor?.document.uri.toString() === this.status.uri) {
      const view = statusView(this.status.value, countsIn(vscode.languages.getDiagnostics(editor.document.uri)), (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)), showOutput);
      this.item.text = view.text;
      this.item.accessibilityInformation = { label: view.label, role: 'button' };
      this.item.tooltip = `${view.tooltip}\n\n${server}`;
      this.item.command = view.command;
      this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    } else {
      this.item.text = `${look.icon} Seaworthy`;
      this.item.accessibilityInformation = { label: `Seaworthy language server ${look.words}${this.detail ? `: ${this.detail}` : ''}`, role: 'button' };
      this.item.tooltip = `Seaworthy. ${server}.\n\nClick to show the output.`;
      this.item.command = showOutput;
      this.item.backgroundColor = look.background;
    }
    if (relevant || this.state === 'error' || this.state === 'stopped') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.item.dispose();
  }
}

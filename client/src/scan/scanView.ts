import * as vscode from 'vscode';
import { ENGINE_NAMES, SCAN_SEVERITIES, vulnerabilitySummary, type ImageScan, type ScanFinding, type ScanSeverity, type Vulnerability } from './scanProtocol';
import type { ScanStore } from './scanStore';

export const SCAN_VIEW_ID = 'seaworthy.scanResults';

export type ScanNode =
  | { kind: 'image'; scan: ImageScan }
  | { kind: 'severity'; scan: ImageScan; severity: ScanSeverity }
  | { kind: 'vulnerability'; scan: ImageScan; vulnerability: Vulnerability }
  | { kind: 'finding'; scan: ImageScan; finding: ScanFinding };

const ICONS: Record<ScanSeverity, vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  high: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  low: new vscode.ThemeIcon('info'),
  unknown: new vscode.ThemeIcon('question'),
  info: new vscode.ThemeIcon('info'),
};

const TITLES: Record<ScanSeverity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', unknown: 'Unknown', info: 'Info' };

/**
 * The Seaworthy view: image → severity → vulnerability (package, installed → fixed version, id),
 * with counts and icons. Selecting a vulnerability shows its details and link. Scanner text goes
 * into tooltips as plain text (`appendText`), never as Markdown or HTML.
 */
export class ScanTreeProvider implements vscode.TreeDataProvider<ScanNode> {
  private readonly changed = new vscode.EventEmitter<ScanNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: ScanStore) {
    store.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: ScanNode): ScanNode[] {
    if (!node) return this.store.all().map((scan) => ({ kind: 'image', scan }));
    if (node.kind === 'image') {
      return SCAN_SEVERITIES.filter((s) => itemsOf(node.scan, s).length > 0).map((severity) => ({ kind: 'severity', scan: node.scan, severity }));
    }
    if (node.kind === 'severity') {
      return [
        ...node.scan.vulnerabilities.filter((v) => v.severity === node.severity).map((vulnerability): ScanNode => ({ kind: 'vulnerability', scan: node.scan, vulnerability })),
        ...node.scan.findings.filter((f) => f.severity === node.severity).map((finding): ScanNode => ({ kind: 'finding', scan: node.scan, finding })),
      ];
    }
    return [];
  }

  getTreeItem(node: ScanNode): vscode.TreeItem {
    switch (node.kind) {
      case 'image': {
        const item = new vscode.TreeItem(node.scan.image || '(image not named)', vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${vulnerabilitySummary(node.scan)} · ${ENGINE_NAMES[node.scan.engine]}`;
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'image';
        item.tooltip = plainTooltip([node.scan.image, node.scan.os ? `${node.scan.os.family} ${node.scan.os.version}` : '', node.scan.digest ?? '', `${ENGINE_NAMES[node.scan.engine]}: ${vulnerabilitySummary(node.scan)}`]);
        return item;
      }
      case 'severity': {
        const count = itemsOf(node.scan, node.severity).length;
        const item = new vscode.TreeItem(`${TITLES[node.severity]} (${count})`, node.severity === 'critical' || node.severity === 'high' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = ICONS[node.severity];
        return item;
      }
      case 'vulnerability': {
        const v = node.vulnerability;
        const item = new vscode.TreeItem(v.package, vscode.TreeItemCollapsibleState.None);
        item.description = `${v.installedVersion} → ${v.fixedVersion ?? 'no fix'} · ${v.id}`;
        item.iconPath = ICONS[v.severity];
        item.tooltip = plainTooltip([`${v.id} (${v.severity})`, v.title, `${v.package} ${v.installedVersion}`, v.fixedVersion ? `fixed in ${v.fixedVersion}` : 'no fixed version yet', v.url ?? '']);
        item.command = { title: 'Show Vulnerability Details', command: 'seaworthy.showVulnerability', arguments: [v, node.scan.image] };
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(f.ruleId, vscode.TreeItemCollapsibleState.None);
        item.description = f.message;
        item.iconPath = ICONS[f.severity];
        item.tooltip = plainTooltip([f.ruleId, f.message, f.path ?? '']);
        return item;
      }
    }
  }
}

function itemsOf(scan: ImageScan, severity: ScanSeverity): { severity: ScanSeverity }[] {
  return [...scan.vulnerabilities, ...scan.findings].filter((i) => i.severity === severity);
}

function plainTooltip(lines: readonly string[]): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  lines.filter((l) => l !== '').forEach((line, i) => (i === 0 ? tooltip.appendText(line) : tooltip.appendMarkdown('\n\n').appendText(line)));
  return tooltip;
}

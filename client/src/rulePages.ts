import * as vscode from 'vscode';

/** The read-only scheme the rule pages are shown under: `seaworthy-rule:/<id>.md`. */
export const RULE_PAGE_SCHEME = 'seaworthy-rule';

/** The command link a diagnostic's rule code and a hover open: the same rendered page as the command. */
export function ruleDocsCommandUri(id: string): vscode.Uri {
  return vscode.Uri.parse(`command:seaworthy.showRuleDocs?${encodeURIComponent(JSON.stringify([id]))}`);
}

/** `seaworthy-rule:/<id>.md` for a rule id (ids are lower-case words and dashes). */
export function rulePageUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_PAGE_SCHEME, path: `/${id}.md` });
}

/**
 * Serves the generated rule pages shipped in the extension (`docs/rules/<id>.md`) as read-only
 * documents, for the user: without the generated-file banner (a note for contributors) and the
 * row that names the rule's source file (not shipped). Offline: the pages are in the VSIX.
 */
export class RulePages implements vscode.TextDocumentContentProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  fileOf(uri: vscode.Uri): vscode.Uri | null {
    const id = /^\/([a-z0-9-]+)\.md$/.exec(uri.path)?.[1];
    return id ? vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${id}.md`) : null;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = this.fileOf(uri);
    if (!file) return `There is no Seaworthy rule page at ${uri.path}.`;
    const bytes = await vscode.workspace.fs.readFile(file);
    return forUsers(new TextDecoder().decode(bytes));
  }
}

/** The page as users read it: the contributors' banner and the source-file row removed. */
export function forUsers(markdown: string): string {
  return markdown
    .replace(/^<!--[^]*?-->\r?\n(\r?\n)?/, '')
    .split(/\r?\n/)
    .filter((line) => !/^\|\s*Source\s*\|/.test(line))
    .join('\n');
}

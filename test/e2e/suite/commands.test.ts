import * as assert from 'assert';
import * as vscode from 'vscode';
import { codesOf, openFixture, seaworthyExtension, textFixedByCli, waitForDiagnostics } from './seaworthyExtension';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

function contributedCommands(): ContributedCommand[] {
  const packageJSON = seaworthyExtension().packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  return packageJSON.contributes?.commands ?? [];
}

suite('commands', () => {
  test('the three Seaworthy commands are contributed with their palette titles', () => {
    const titles = new Map(contributedCommands().map((c) => [c.command, c.category ? `${c.category}: ${c.title}` : c.title]));
    assert.deepStrictEqual(
      ['seaworthy.fixAll', 'seaworthy.showRuleDocs', 'seaworthy.showOutput'].map((id) => [id, titles.get(id)]),
      [
        ['seaworthy.fixAll', 'Seaworthy: Fix All in File'],
        ['seaworthy.showRuleDocs', 'Seaworthy: Show Rule Documentation'],
        ['seaworthy.showOutput', 'Seaworthy: Show Output'],
      ],
    );
  });

  test('every contributed command is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributedCommands().map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, []);
  });

  test('"Seaworthy: Fix All in File" fixes the active editor like `seaworthy check --fix`', async () => {
    const editor = await openFixture('deploy.yaml', { fresh: true });
    const expected = textFixedByCli(editor.document);
    await waitForDiagnostics(editor.document.uri, (d) => codesOf(d).includes('privileged-container'), 'privileged-container');
    const changed = new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === editor.document && event.document.getText() === expected) {
          subscription.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('seaworthy.fixAll');
    if (editor.document.getText() !== expected) await changed;
    assert.strictEqual(editor.document.getText(), expected);
  });

  test('"Seaworthy: Show Output" runs', async () => {
    await vscode.commands.executeCommand('seaworthy.showOutput');
  });
});

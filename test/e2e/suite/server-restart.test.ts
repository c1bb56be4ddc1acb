import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { DIAGNOSTICS_DEADLINE_MS, expectEditorToAgreeWithCli, openFixture, seaworthyExtension } from './seaworthyExtension';

/** What the extension's `activate` returns (client/src/extension.ts, `SeaworthyApi`). */
interface SeaworthyApi {
  serverState(): string;
  readonly onDidChangeServerState: vscode.Event<string>;
  readonly onDidServerExit: vscode.Event<{ restarted: boolean; message: string }>;
}

/**
 * The language server processes of this window: children of this extension host running the
 * installed extension's `dist/server.js` (read from /proc, so the test kills the real process
 * from outside, as a crash or the OOM killer would). Zombies (killed, not yet reaped) are gone.
 */
function serverPids(): number[] {
  const server = path.join(seaworthyExtension().extensionPath, 'dist', 'server.js');
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || Number(ppid) !== process.pid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(server)) pids.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return pids;
}

/** Rejects with a clear message when `promise` has not settled in time (a deadline, not a sleep). */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let deadline: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (deadline = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), DIAGNOSTICS_DEADLINE_MS)));
  return Promise.race([promise, late]).finally(() => clearTimeout(deadline));
}

/** Kills the one running server; resolves with what the user was told and, if restarted, once the new one runs. */
async function killServer(api: SeaworthyApi): Promise<{ restarted: boolean; message: string; killed: number }> {
  const pids = serverPids();
  assert.strictEqual(pids.length, 1, `one Seaworthy server runs in this window, found ${JSON.stringify(pids)}`);
  const subscriptions: vscode.Disposable[] = [];
  // Both listen from before the kill: the exit is told before the client starts the new server.
  const exit = new Promise<{ restarted: boolean; message: string }>((resolve) => subscriptions.push(api.onDidServerExit(resolve)));
  const running = new Promise<void>((resolve) => subscriptions.push(api.onDidChangeServerState((state) => state === 'running' && resolve())));
  try {
    process.kill(pids[0]!, 'SIGKILL');
    const told = await within(exit, 'the client to notice the server died');
    if (told.restarted) await within(running, 'the restarted server to run');
    return { ...told, killed: pids[0]! };
  } finally {
    for (const s of subscriptions) s.dispose();
  }
}

suite('a language server that dies', () => {
  let api: SeaworthyApi;
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    editor = await openFixture('web.Dockerfile', { fresh: true });
    api = (await seaworthyExtension().activate()) as SeaworthyApi;
    await expectEditorToAgreeWithCli(editor.document);
    assert.strictEqual(api.serverState(), 'running');
  });

  test('is started again with a message, and the open document is checked as edited since', async () => {
    const { restarted, message, killed } = await killServer(api);
    assert.strictEqual(restarted, true);
    assert.match(message, /stopped unexpectedly and was restarted \(1 of 3 restarts within 3 minutes\)/);
    const now = serverPids();
    assert.strictEqual(now.length, 1);
    assert.notStrictEqual(now[0], killed);
    // The restarted server has the document as it is now, edits included.
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# edited after the restart\n'));
    await expectEditorToAgreeWithCli(editor.document);
  });

  test('is not started again past 3 restarts within 3 minutes, and the message says how to start it', async () => {
    for (const n of [2, 3]) {
      const { restarted, message } = await killServer(api);
      assert.strictEqual(restarted, true);
      assert.match(message, new RegExp(`\\(${n} of 3 restarts`));
    }
    const last = await killServer(api);
    assert.strictEqual(last.restarted, false);
    assert.match(last.message, /stopped 4 times within 3 minutes and was not restarted: run "Developer: Reload Window"/);
    assert.strictEqual(api.serverState(), 'error');
    assert.deepStrictEqual(serverPids(), []);
  });
});

import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, CodeAction, MessageType } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { ofRule, tempWorkspace } from '../support/lspWorkspace';

const RULE = 'add-url-without-checksum';
const PAYLOAD = '#!/bin/sh\necho "tool 1.4.2"\n'.repeat(5000);
const DIGEST = createHash('sha256').update(PAYLOAD).digest('hex');
const PIN_TITLE = /^Pin with --checksum \((?:downloads (\S+) to compute its SHA-256|asks \S+ which commit \S+ is)\)$/;

/** Listens on a free port of 127.0.0.1 and resolves with the port. */
async function listenOnLoopback(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A real HTTP server on 127.0.0.1: `/tool.tar.gz` (200), `/old` (302 to it), anything else 404. */
async function startFileServer(): Promise<{ base: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/tool.tar.gz') res.writeHead(200, { 'content-length': Buffer.byteLength(PAYLOAD) }).end(PAYLOAD);
    else if (req.url === '/old') res.writeHead(302, { location: '/tool.tar.gz' }).end();
    else res.writeHead(404).end('not here');
  });
  const port = await listenOnLoopback(server);
  return { base: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('language server: "Pin with --checksum" downloads only when picked', () => {
  const ws = tempWorkspace('pin');
  let files: Awaited<ReturnType<typeof startFileServer>>;
  let client: LspClient;
  before(async () => {
    files = await startFileServer();
    client = await LspClient.start({ workspaceFolders: [ws.dir], resolveEdits: true, workDoneProgress: true });
  });
  after(async () => {
    await client.stop();
    await files.close();
  });

  async function pinActionFor(name: string, text: string): Promise<{ uri: string; action: CodeAction }> {
    const uri = ws.uri(name);
    client.open(uri, 'dockerfile', text);
    const diagnostics = ofRule((await client.diagnostics(uri, 1)).diagnostics, RULE);
    assert.equal(diagnostics.length, 1);
    const actions = (await client.codeActions(uri, diagnostics[0]!.range, ['quickfix'], diagnostics)) as CodeAction[];
    const action = actions.find((a) => PIN_TITLE.test(a.title));
    assert.ok(action, `no pin action among: ${actions.map((a) => a.title).join(' | ')}`);
    return { uri, action };
  }

  it('offers the action without an edit and without downloading, then resolves it to the real digest', async () => {
    const text = `FROM alpine:3.20\n# the tool\nADD --chown=10001:10001 ${files.base}/tool.tar.gz /opt/\nUSER 10001\n`;
    const before = files.requests.length;
    const { uri, action } = await pinActionFor('Dockerfile', text);
    assert.equal(action.edit, undefined);
    assert.equal(action.title.match(PIN_TITLE)?.[1], `${files.base}/tool.tar.gz`);
    assert.equal(files.requests.length, before, 'showing the light bulb downloads nothing');

    const resolved = await client.resolveCodeAction(action);
    const fixed = client.applied(uri, resolved.edit);
    assert.equal(fixed, `FROM alpine:3.20\n# the tool\nADD --checksum=sha256:${DIGEST} --chown=10001:10001 ${files.base}/tool.tar.gz /opt/\nUSER 10001\n`);
    assert.deepEqual(files.requests.slice(before), ['/tool.tar.gz']);
    const kinds = client.progress.map((p) => (p as { kind: string }).kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');

    // The pinned file re-lints clean for the rule.
    const version = client.replaceAll(uri, fixed);
    assert.deepEqual(ofRule((await client.diagnostics(uri, version)).diagnostics, RULE), []);
  });

  it('follows redirects, as BuildKit does', async () => {
    const { uri, action } = await pinActionFor('redirect.Dockerfile', `FROM alpine:3.20\nADD ${files.base}/old /opt/tool\n`);
    const resolved = await client.resolveCodeAction(action);
    assert.equal(client.applied(uri, resolved.edit), `FROM alpine:3.20\nADD --checksum=sha256:${DIGEST} ${files.base}/old /opt/tool\n`);
  });

  it('tells the user why when the download fails, and changes nothing', async () => {
    const { action } = await pinActionFor('gone.Dockerfile', `FROM alpine:3.20\nADD ${files.base}/gone.tar.gz /opt/\n`);
    const shown = client.shownMessages.length;
    const resolved = await client.resolveCodeAction(action);
    assert.equal(resolved.edit, undefined);
    const message = client.shownMessages[shown];
    assert.equal(message?.type, MessageType.Error);
    assert.equal(message?.message, `Seaworthy could not pin ${files.base}/gone.tar.gz: the server answered HTTP 404 Not Found. The Dockerfile was not changed.`);
  });

  it('reports an unreachable host clearly', async () => {
    const closed = await startFileServer();
    await closed.close();
    const { action } = await pinActionFor('unreachable.Dockerfile', `FROM alpine:3.20\nADD ${closed.base}/tool.tar.gz /opt/\n`);
    const shown = client.shownMessages.length;
    const resolved = await client.resolveCodeAction(action);
    assert.equal(resolved.edit, undefined);
    assert.match(client.shownMessages[shown]?.message ?? '', /^Seaworthy could not pin http:\/\/127\.0\.0\.1:\d+\/tool\.tar\.gz: ECONNREFUSED .*The Dockerfile was not changed\.$/);
  });

  it('stops the download when the user cancels', { timeout: 20_000 }, async () => {
    // A server that sends half a body and then waits: only a cancel ends the download.
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    let started!: () => void;
    const downloadStarted = new Promise<void>((resolve) => (started = resolve));
    const slow = http.createServer((req, res) => {
      res.writeHead(200, { 'content-length': 1_000_000 });
      res.write('x'.repeat(1000));
      req.socket.once('close', () => closed());
      started();
    });
    const port = await listenOnLoopback(slow);
    try {
      const url = `http://127.0.0.1:${port}/big.tar.gz`;
      const { action } = await pinActionFor('cancel.Dockerfile', `FROM alpine:3.20\nADD ${url} /opt/\n`);
      const cancel = new CancellationTokenSource();
      const resolving = client.resolveCodeAction(action, cancel.token).then(
        (resolved) => resolved,
        (error: Error) => error,
      );
      await downloadStarted;
      cancel.cancel();
      await connectionClosed;
      const outcome = await resolving;
      // Either the cancellation error or the action without an edit: never an edit.
      assert.ok(outcome instanceof Error || outcome.edit === undefined);
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('refuses to resolve against a document that changed since the action was offered', async () => {
    const { uri, action } = await pinActionFor('changed.Dockerfile', `FROM alpine:3.20\nADD ${files.base}/tool.tar.gz /opt/\n`);
    const before = files.requests.length;
    const version = client.insert(uri, 0, 0, '# edited\n');
    await client.diagnostics(uri, version);
    const resolved = await client.resolveCodeAction(action);
    assert.equal(resolved.edit, undefined);
    assert.equal(files.requests.length, before, 'nothing downloaded for a stale action');
    assert.match(client.shownMessages.at(-1)?.message ?? '', /changed since the action was offered/);
  });

  it('is not offered for several sources or an unresolved variable (BuildKit pins a single URL)', async () => {
    const uri = ws.uri('many.Dockerfile');
    client.open(uri, 'dockerfile', `FROM alpine:3.20\nADD ${files.base}/a ${files.base}/b /opt/\nADD \${URL} /opt/\n`);
    const diagnostics = ofRule((await client.diagnostics(uri, 1)).diagnostics, RULE);
    assert.equal(diagnostics.length, 2);
    const actions = (await client.codeActions(uri, { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } }, ['quickfix'], diagnostics)) as CodeAction[];
    assert.deepEqual(actions.filter((a) => PIN_TITLE.test(a.title)), []);
  });
});

describe('language server: "Pin with --checksum" needs a client that resolves edits', () => {
  it('is not offered to a client without codeAction.resolveSupport', async () => {
    const ws = tempWorkspace('pin-no-resolve');
    const client = await LspClient.start({ workspaceFolders: [ws.dir] });
    try {
      const uri = ws.uri('Dockerfile');
      client.open(uri, 'dockerfile', 'FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/\n');
      const diagnostics = ofRule((await client.diagnostics(uri, 1)).diagnostics, RULE);
      const actions = (await client.codeActions(uri, diagnostics[0]!.range, ['quickfix'], diagnostics)) as CodeAction[];
      assert.deepEqual(
        actions.map((a) => a.title),
        [`Ignore ${RULE} here`, `Ignore ${RULE} in this file`],
      );
    } finally {
      await client.stop();
    }
  });
});

/** A bare repository with a branch, a lightweight and an annotated tag, served by a real `git daemon` on 127.0.0.1. */
async function startGitDaemon(): Promise<{ base: string; commits: { first: string; second: string }; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-git-'));
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Seaworthy Tests', '-c', 'user.email=tests@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();
  fs.mkdirSync(path.join(dir, 'work'));
  git(path.join(dir, 'work'), 'init', '-q');
  git(path.join(dir, 'work'), 'commit', '-q', '--allow-empty', '-m', 'first');
  const first = git(path.join(dir, 'work'), 'rev-parse', 'HEAD');
  git(path.join(dir, 'work'), 'tag', 'v1.0');
  git(path.join(dir, 'work'), 'commit', '-q', '--allow-empty', '-m', 'second');
  const second = git(path.join(dir, 'work'), 'rev-parse', 'HEAD');
  git(path.join(dir, 'work'), 'tag', '-a', 'v1.1', '-m', 'release 1.1');
  git(dir, 'clone', '-q', '--bare', 'work', 'repo.git');
  // git daemon cannot report a port it picked, so take a free one and hand it over.
  const probe = net.createServer();
  const port = await listenOnLoopback(probe);
  await new Promise((resolve) => probe.close(resolve));
  const daemon: ChildProcess = spawn('git', ['daemon', '--verbose', '--export-all', `--base-path=${dir}`, '--listen=127.0.0.1', `--port=${port}`, '--reuseaddr'], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    daemon.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to rumble')) resolve();
    });
    daemon.once('exit', (code) => reject(new Error(`git daemon exited (${code}): ${log}`)));
  });
  return {
    base: `git://127.0.0.1:${port}`,
    commits: { first, second },
    stop: async () => {
      const exited = new Promise((resolve) => daemon.once('exit', resolve));
      daemon.kill();
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('language server: "Pin with --checksum" on a Git source asks the remote for the commit', () => {
  const ws = tempWorkspace('pin-git');
  let git: Awaited<ReturnType<typeof startGitDaemon>>;
  let client: LspClient;
  before(async () => {
    git = await startGitDaemon();
    client = await LspClient.start({ workspaceFolders: [ws.dir], resolveEdits: true });
  });
  after(async () => {
    await client.stop();
    await git.stop();
  });

  async function resolvePin(name: string, source: string): Promise<{ uri: string; action: CodeAction; resolved: CodeAction }> {
    const uri = ws.uri(name);
    client.open(uri, 'dockerfile', `FROM alpine:3.20\nADD ${source} /src\n`);
    const diagnostics = ofRule((await client.diagnostics(uri, 1)).diagnostics, RULE);
    const actions = (await client.codeActions(uri, diagnostics[0]!.range, ['quickfix'], diagnostics)) as CodeAction[];
    const action = actions.find((a) => a.title.startsWith('Pin with --checksum'));
    assert.ok(action, `no pin action among: ${actions.map((a) => a.title).join(' | ')}`);
    return { uri, action, resolved: await client.resolveCodeAction(action) };
  }

  it('pins an annotated tag to its commit, and the pinned ADD re-lints clean', async () => {
    const source = `${git.base}/repo.git#v1.1`;
    const { uri, action, resolved } = await resolvePin('tag.Dockerfile', source);
    assert.equal(action.title, `Pin with --checksum (asks ${git.base}/repo.git which commit v1.1 is)`);
    const fixed = client.applied(uri, resolved.edit);
    assert.equal(fixed, `FROM alpine:3.20\nADD --checksum=${git.commits.second} ${source} /src\n`);
    const version = client.replaceAll(uri, fixed);
    assert.deepEqual(ofRule((await client.diagnostics(uri, version)).diagnostics, RULE), []);
  });

  it('pins a lightweight tag and a branch with a subdirectory', async () => {
    const tag = await resolvePin('light.Dockerfile', `${git.base}/repo.git#v1.0`);
    assert.match(client.applied(tag.uri, tag.resolved.edit), new RegExp(`^ADD --checksum=${git.commits.first} `, 'm'));
    const branch = await resolvePin('branch.Dockerfile', `${git.base}/repo.git#main:docs`);
    assert.match(client.applied(branch.uri, branch.resolved.edit), new RegExp(`^ADD --checksum=${git.commits.second} `, 'm'));
  });

  it('says which ref is missing and changes nothing', async () => {
    const shown = client.shownMessages.length;
    const { resolved } = await resolvePin('missing.Dockerfile', `${git.base}/repo.git#v9.9`);
    assert.equal(resolved.edit, undefined);
    assert.equal(client.shownMessages[shown]?.message, `Seaworthy could not pin ${git.base}/repo.git#v9.9: ${git.base}/repo.git has no branch or tag named v9.9. The Dockerfile was not changed.`);
  });
});

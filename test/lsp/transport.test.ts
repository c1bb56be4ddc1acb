import * as assert from 'node:assert/strict';
import { execFileSync, fork } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  DidOpenTextDocumentNotification,
  ExitNotification,
  IPCMessageReader,
  IPCMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  createProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { DIST } from '../support/paths';
import { PRIVILEGED, ofRule, podYaml } from '../support/lspWorkspace';

describe('language server: transports and start-up', () => {
  it('speaks LSP over node IPC as VS Code starts it', async () => {
    const child = fork(path.join(DIST, 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const uri = 'file:///ipc/pod.yaml';
    const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, resolve));
    connection.listen();
    try {
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
      assert.equal(result.serverInfo?.name, 'seaworthy');
      await connection.sendNotification(InitializedNotification.type, {});
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: podYaml([true]) } });
      const diagnostics = await published;
      assert.equal(diagnostics.uri, uri);
      assert.equal(ofRule(diagnostics.diagnostics, PRIVILEGED).length, 1);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await connection.sendNotification(ExitNotification.type).catch(() => undefined);
      await exited;
      connection.dispose();
    }
  });

  it('checks a burst of edits once, at its end, with a debounce', async () => {
    const client = await LspClient.start({ initializationOptions: { debounceMs: 1000 } });
    try {
      const uri = 'file:///debounce/pod.yaml';
      client.open(uri, 'yaml', podYaml([false]));
      await client.diagnostics(uri, 1);
      let version = 1;
      for (let i = 0; i < 10; i++) version = client.insert(uri, 0, 0, '#\n');
      const last = await client.diagnostics(uri, version);
      assert.equal(last.version, 11);
      assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [1, 11]);
    } finally {
      await client.stop();
    }
  });

  it('loads child_process and crypto only when a scan or a pin needs them, not to start or to check a file', async () => {
    const probe = path.join(__dirname, '..', 'support', 'builtinLoadProbe.js');
    const client = await LspClient.start({ nodeArgs: ['--require', probe] });
    const closed = new Promise((resolve) => client.process.once('close', resolve));
    const uri = 'file:///lazy-builtins/Dockerfile';
    client.open(uri, 'dockerfile', 'FROM node:22\nRUN npm ci\n');
    assert.ok((await client.diagnostics(uri, 1)).diagnostics.length > 0);
    await client.stop();
    await closed;
    const loaded = JSON.parse(/BUILTINS_LOADED (.*)/.exec(client.stderr)?.[1] ?? 'null') as string[] | null;
    assert.ok(loaded?.includes('fs'), `the probe reports what was loaded: ${client.stderr}`);
    assert.deepEqual(loaded?.filter((name) => name === 'child_process' || name === 'crypto'), []);
  });

  it('loads the yaml parser only when the first YAML document arrives', () => {
    const probe = path.join(__dirname, '..', 'support', 'yamlLoadProbe.js');
    const steps = JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })) as Record<string, boolean>;
    assert.deepEqual(steps, { afterLoad: false, afterInitialize: false, afterDockerfile: false, afterManifest: true });
  });
});

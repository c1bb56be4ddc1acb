/**
 * Run as a child process (`node out/test/support/yamlLoadProbe.js`): starts the server's session
 * in this process over in-memory streams, opens a Dockerfile and then a manifest, and prints
 * whether the `yaml` package was loaded at each step, as seen in `require.cache`. The bundle
 * keeps the same laziness: esbuild evaluates a bundled module when it is first required.
 */
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  DidOpenTextDocumentNotification,
  InitializeRequest,
  InitializedNotification,
  ProposedFeatures,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  createConnection,
  createProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

const yamlLoaded = (): boolean => Object.keys(require.cache).some((k) => k.includes(`${path.sep}node_modules${path.sep}yaml${path.sep}`));

async function main(): Promise<void> {
  const steps: Record<string, boolean> = {};
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSession } = require('../../server/src/lsp/session') as typeof import('../../server/src/lsp/session');
  steps.afterLoad = yamlLoaded();
  startSession(createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published = new Map<string, (p: PublishDiagnosticsParams) => void>();
  client.onNotification(PublishDiagnosticsNotification.type, (p) => published.get(p.uri)?.(p));
  client.listen();
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
  await client.sendNotification(InitializedNotification.type, {});
  steps.afterInitialize = yamlLoaded();
  const open = async (uri: string, languageId: string, text: string): Promise<void> => {
    const done = new Promise<PublishDiagnosticsParams>((resolve) => published.set(uri, resolve));
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    await done;
  };
  await open('file:///probe/Dockerfile', 'dockerfile', 'FROM node:latest\nRUN npm ci\n');
  steps.afterDockerfile = yamlLoaded();
  await open('file:///probe/pod.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n');
  steps.afterManifest = yamlLoaded();
  process.stdout.write(`${JSON.stringify(steps)}\n`);
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});

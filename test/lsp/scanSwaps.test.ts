import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { tempWorkspace } from '../support/lspWorkspace';
import { FakeScanners } from '../support/fakeScanners';
import { SCANNERS } from '../support/scanFixtures';

const REPORT = path.join(SCANNERS, 'trivy/alpine-3.10-image-trivy-0.72.0.json');
const CODE = 'image-vulnerabilities';

// A slim image: no full-size finding, so any move offered comes from the scan's result.
const NODE_APP = 'FROM node:22-slim AS deps\nWORKDIR /app\nCOPY package.json .\nRUN npm ci --omit=dev\n\nFROM node:22-slim\nWORKDIR /app\nCOPY --from=deps /app .\nUSER node\nCMD ["node", "server.js"]\n';
const FINAL_FROM = { start: { line: 5, character: 5 }, end: { line: 5, character: 5 } };
const BUILDER_FROM = { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } };

describe('language server: moves to a smaller image beside a scan result', () => {
  const ws = tempWorkspace('scan-swaps');
  const fakes = new FakeScanners(['trivy']);
  const uri = ws.uri('Dockerfile');
  let client: LspClient;
  let scanDiagnostics: Diagnostic[] = [];

  before(async () => {
    const env = fakes.env({ trivy: { mode: 'replay', reports: { 'node:22-slim': REPORT } } });
    client = await LspClient.start({ workspaceFolders: [ws.dir], env: { ...process.env, ...env } });
    client.open(uri, 'dockerfile', NODE_APP);
    await client.diagnostics(uri, 1);
    const published = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === CODE));
    await client.connection.sendRequest('seaworthy/scanImages', { images: ['node:22-slim'] });
    scanDiagnostics = (await published).diagnostics.filter((d) => d.code === CODE);
  });
  after(async () => {
    await client.stop();
    fakes.dispose();
  });

  const actionsAt = async (range: typeof FINAL_FROM): Promise<CodeAction[]> => {
    const here = scanDiagnostics.filter((d) => d.range.start.line === range.start.line);
    assert.equal(here.length, 1, 'the scan summary is on the line');
    return ((await client.codeActions(uri, range, ['quickfix'], here)) ?? []) as CodeAction[];
  };

  it('offers the shell-less images for the final stage, tied to the scan diagnostic, with the edits the move needs', async () => {
    const actions = await actionsAt(FINAL_FROM);
    const swaps = actions.filter((a) => a.diagnostics?.some((d) => d.code === CODE));
    assert.deepEqual(
      swaps.map((a) => a.title.split(' — ')[0]),
      ['gcr.io/distroless/nodejs22-debian13:nonroot', 'cgr.dev/chainguard/node:latest'],
    );
    assert.ok(swaps.every((a) => a.isPreferred !== true && a.edit !== undefined));
    // distroless's ENTRYPOINT is node itself: CMD loses the word; `USER node`, a name distroless lacks, keeps its UID.
    assert.equal(
      client.applied(uri, swaps[0]?.edit),
      NODE_APP.replace('FROM node:22-slim\n', 'FROM gcr.io/distroless/nodejs22-debian13:nonroot\n').replace('USER node', 'USER 1000').replace('CMD ["node", "server.js"]', 'CMD ["server.js"]'),
    );
  });

  it('offers no move for a builder stage: its packages never ship', async () => {
    const actions = await actionsAt(BUILDER_FROM);
    assert.deepEqual(actions.filter((a) => a.diagnostics?.some((d) => d.code === CODE)), []);
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from '../../server/src/lsp/protocol';
import { LspClient } from '../support/lspClient';
import { dockerfile, manifest } from './inputs';

/** The generated workspace: what the check must lint, and what it must walk past. */
export interface BenchWorkspace {
  dir: string;
  /** Dockerfiles, manifests and Compose files the check should lint. */
  targets: number;
  /** Files it walks past: other files, `node_modules`, what `.gitignore` leaves out. */
  skipped: number;
}

/**
 * A workspace of `targets` container files in service folders (a 60-line Dockerfile, a 3-object
 * manifest and a Compose file each, with findings), plus what a real repository also has: source
 * files, a `node_modules` and a `.gitignore`d build folder per service.
 */
export function writeBenchWorkspace(targets: number): BenchWorkspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-bench-ws-'));
  const docker = dockerfile(60).text;
  const deploy = manifest(3).text;
  const compose = 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n';
  fs.writeFileSync(path.join(dir, '.gitignore'), '/services/*/dist/\n*.generated.yaml\n!keep.generated.yaml\n');
  let written = 0;
  let skipped = 0;
  for (let service = 0; written < targets; service++) {
    const root = path.join(dir, 'services', `svc-${service}`);
    fs.mkdirSync(path.join(root, 'k8s'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src'), { recursive: true });
    fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
    fs.mkdirSync(path.join(root, 'node_modules', 'dep'), { recursive: true });
    const files: [string, string][] = [
      ['Dockerfile', docker],
      ['k8s/deploy.yaml', deploy],
      ['compose.yaml', compose],
      ['k8s/keep.generated.yaml', deploy],
    ];
    for (const [name, text] of files.slice(0, targets - written)) {
      fs.writeFileSync(path.join(root, name), text);
      written++;
    }
    for (const [name, text] of [
      ['src/index.ts', 'export const x = 1;\n'],
      ['README.md', '# service\n'],
      ['dist/Dockerfile', docker],
      ['k8s/out.generated.yaml', deploy],
      ['node_modules/dep/Dockerfile', docker],
    ] as const) {
      fs.writeFileSync(path.join(root, name), text);
      skipped++;
    }
  }
  return { dir, targets: written, skipped };
}

/** One Check Workspace in a fresh server (`runs` times), then a second check with nothing changed. */
export async function workspaceCheckTimes(workspace: BenchWorkspace, runs: number): Promise<{ first: number[]; again: number[]; result: CheckWorkspaceResult }> {
  const first: number[] = [];
  const again: number[] = [];
  let result: CheckWorkspaceResult | undefined;
  for (let i = 0; i < runs; i++) {
    const client = await LspClient.start({ workspaceFolders: [workspace.dir] });
    try {
      let t0 = performance.now();
      result = await client.connection.sendRequest(CheckWorkspaceRequest, {});
      first.push(performance.now() - t0);
      if (result.files !== workspace.targets) throw new Error(`the check found ${result.files} files of ${workspace.targets}`);
      t0 = performance.now();
      const second = await client.connection.sendRequest(CheckWorkspaceRequest, {});
      again.push(performance.now() - t0);
      if (second.unchanged !== workspace.targets) throw new Error(`the second check linted ${second.checked} unchanged files again`);
    } finally {
      await client.stop();
    }
  }
  return { first, again, result: result! };
}

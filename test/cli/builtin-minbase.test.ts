import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { dpkgQueryInstalled, minbaseRootfs, minbaseSkipReason, writeTreeLayout } from '../support/minbaseRootfs';
import { runCli, tempProject, type TempProject } from './cliHarness';

const skip = minbaseSkipReason();

/**
 * A real Debian root file system (debootstrap minbase bookworm), packed as a one-layer OCI image
 * and scanned by the CLI: its inventory against `dpkg-query --admindir` on the same tree, its
 * setuid/setgid findings against `find -perm /6000`.
 */
describe('seaworthy scan of a debootstrap minbase tree (the real dpkg database)', { skip: skip ?? false }, () => {
  let project: TempProject;
  let root: string;
  before(async () => {
    root = minbaseRootfs();
    project = tempProject({});
    await writeTreeLayout(project.path('layout'), 'minbase', [{ dir: root }]);
  });
  after(() => project?.dispose());

  it('lists exactly the packages dpkg-query lists as installed, with version and architecture', async () => {
    const run = await runCli(['scan', 'oci:layout:minbase', '--engine', 'builtin', '--format', 'cyclonedx'], { cwd: project.dir });
    const bom = JSON.parse(run.stdout) as { components: { name: string; version?: string; purl?: string }[] };
    const ours = bom.components
      .filter((c) => c.purl?.startsWith('pkg:deb/debian/'))
      .map((c) => `${c.name} ${c.version} ${/[?&]arch=([^&]+)/.exec(c.purl ?? '')?.[1] ?? ''}`)
      .sort();
    const dpkg = dpkgQueryInstalled(root);
    assert.ok(dpkg.length > 80, `minbase has about 88 packages, dpkg-query lists ${dpkg.length}`);
    assert.deepEqual(ours, dpkg);
  });

  it('reports each setuid/setgid file find sees, and the OS', async () => {
    const run = await runCli(['scan', 'oci:layout:minbase', '--engine', 'builtin', '--format', 'json'], { cwd: project.dir });
    const scan = (JSON.parse(run.stdout) as { scans: { os: unknown; findings: { ruleId: string; path: string | null }[] }[] }).scans[0];
    const setuid = (scan?.findings ?? []).filter((f) => f.ruleId === 'image-setuid-file').map((f) => f.path).sort();
    const found = execFileSync('find', ['.', '-type', 'f', '-perm', '/6000'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.slice(1))
      .sort();
    assert.ok(found.length >= 5, `minbase has setuid files (${found.length})`);
    assert.deepEqual(setuid, found);
    assert.deepEqual(scan?.os, { family: 'debian', version: '12' });
  });
});

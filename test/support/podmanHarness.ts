import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { debianPackagesSkipReason } from './debianPackages';

export const PODMAN = '/usr/bin/podman';

/** Installs podman when root and missing; returns why the local-engine tests cannot run, or null (none in CI). */
export function podmanSkipReason(): string | null {
  const missing = debianPackagesSkipReason({ [PODMAN]: 'podman' }, 'the podman tests');
  if (missing) return missing;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    const reason = 'loads images into a private podman store, which needs root here (rootless podman needs subuid ranges)';
    if (process.env.SEAWORTHY_E2E_REQUIRED === '1') throw new Error(`SEAWORTHY_E2E_REQUIRED=1 and the podman tests would be skipped: ${reason}`);
    return reason;
  }
  return null;
}

/**
 * A podman image store of a test's own (vfs driver, in a temporary folder, named by
 * CONTAINERS_STORAGE_CONF in `env`), so that tests never see or change the machine's images.
 */
export class PodmanStore {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-podman-'));
  /** The environment under which podman (the test's and the scanner's) uses this store. */
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    const conf = path.join(this.dir, 'storage.conf');
    fs.writeFileSync(conf, `[storage]\ndriver = "vfs"\ngraphroot = "${path.join(this.dir, 'graph')}"\nrunroot = "${path.join(this.dir, 'run')}"\n`);
    this.env = { CONTAINERS_STORAGE_CONF: conf };
  }

  /** `podman load -i ARCHIVE`: a docker-archive the test built. */
  load(archive: string): void {
    execFileSync(PODMAN, ['load', '-q', '-i', archive], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

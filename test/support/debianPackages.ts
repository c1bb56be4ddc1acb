import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Installs the Debian packages a test needs (`program path → package`) with apt-get when some
 * are missing and this user is root; returns why the tests cannot run, or null. Under
 * SEAWORTHY_E2E_REQUIRED=1 (CI) there is no skip: it throws instead.
 */
export function debianPackagesSkipReason(packages: Record<string, string>, tests: string): string | null {
  const missing = Object.entries(packages).filter(([file]) => !fs.existsSync(file)).map(([, pkg]) => pkg);
  let reason: string | null = null;
  if (missing.length > 0) {
    if (!isRoot() || !fs.existsSync('/usr/bin/apt-get')) reason = `needs the Debian packages ${missing.join(', ')} (apt-get install ${missing.join(' ')}), and this user cannot install them`;
    else {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, stdio: 'ignore' });
    }
  }
  if (reason && process.env.SEAWORTHY_E2E_REQUIRED === '1') throw new Error(`SEAWORTHY_E2E_REQUIRED=1 and ${tests} would be skipped: ${reason}`);
  return reason;
}

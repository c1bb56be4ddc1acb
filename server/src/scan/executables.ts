import * as path from 'path';
import type { ProcessHost } from './processes';

/**
 * Finds `name` on PATH as a shell would, without a shell: each PATH entry in order, with the
 * Windows executable extensions (PATHEXT) where they apply. Null when it is nowhere.
 */
export function findOnPath(name: string, host: Pick<ProcessHost, 'env' | 'isExecutable' | 'platform'>): string | null {
  const windows = host.platform === 'win32';
  const separator = windows ? ';' : ':';
  const entries = (host.env.PATH ?? host.env.Path ?? '').split(separator).filter((e) => e !== '' && path.isAbsolute(e));
  const extensions = windows ? ['', ...(host.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '')] : [''];
  for (const entry of entries) {
    for (const extension of extensions) {
      const candidate = path.join(entry, `${name}${extension}`);
      if (host.isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

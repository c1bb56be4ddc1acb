import { execFile } from 'child_process';
import type { CancellationToken } from './languageServer';

/** A Git ADD source split as BuildKit reads it: `<remote>#<ref>:<subdir>`. */
export interface GitSource {
  remote: string;
  /** Branch, tag or other ref; null means the remote's HEAD. */
  ref: string | null;
}

export function parseGitSource(source: string): GitSource {
  const hash = source.indexOf('#');
  if (hash === -1) return { remote: source, ref: null };
  const ref = source.slice(hash + 1).split(':')[0] ?? '';
  return { remote: source.slice(0, hash), ref: ref === '' ? null : ref };
}

export const GIT_TIMEOUT_MS = 60_000;

/**
 * The commit `source`'s ref names on its remote, from `git ls-remote` (argument array, no
 * shell, no prompt: a remote that needs credentials fails instead of waiting for a password).
 * An annotated tag is followed to its commit. Rejects with a message fit for the user.
 */
export async function commitOfGitSource(source: string, token: CancellationToken | undefined): Promise<string> {
  const { remote, ref } = parseGitSource(source);
  // Only the remote forms the rule classifies as Git; never something git could read as an option.
  if (!/^(?:(?:https?|git|ssh):\/\/|git@)[^-\s]/i.test(remote)) throw new Error(`${remote} is not a Git remote Seaworthy asks`);
  const wanted = ref ?? 'HEAD';
  const patterns = ref === null ? ['HEAD'] : [ref, `${ref}^{}`];
  const output = await gitLsRemote(remote, patterns, token);
  const refs = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [sha, name] = line.trim().split(/\s+/);
    if (sha && name) refs.set(name, sha);
  }
  // The peeled tag (its commit) first, then the tag, a branch, any other ref of that name.
  const candidates = ref === null ? ['HEAD'] : [`refs/tags/${ref}^{}`, `refs/tags/${ref}`, `refs/heads/${ref}`, ref];
  for (const name of candidates) {
    const sha = refs.get(name);
    if (sha) return sha;
  }
  const other = [...refs.keys()].find((name) => name.endsWith(`/${wanted}`));
  if (other) return refs.get(other)!;
  throw new Error(`${remote} has no branch or tag named ${wanted}`);
}

function gitLsRemote(remote: string, patterns: string[], token: CancellationToken | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_SSH_COMMAND: 'ssh -o BatchMode=yes', GCM_INTERACTIVE: 'never' };
    const args = ['-c', 'protocol.ext.allow=never', '-c', 'protocol.file.allow=never', 'ls-remote', remote, ...patterns];
    const child = execFile('git', args, { env, timeout: GIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      cancelled?.dispose();
      if (token?.isCancellationRequested) return reject(new Error('cancelled'));
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return reject(new Error('git is not installed or not on PATH'));
        if (error.killed) return reject(new Error(`git ls-remote gave no answer within ${GIT_TIMEOUT_MS / 1000} s`));
        const why = stderr.trim().split('\n').filter((l) => l.trim() !== '').pop();
        return reject(new Error(`git ls-remote failed${why ? `: ${why.replace(/^fatal:\s*/, '')}` : ''}`));
      }
      resolve(stdout);
    });
    const cancelled = token?.onCancellationRequested(() => child.kill());
  });
}

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface Credentials {
  username: string;
  secret: string;
}

/** Runs a credential helper: `docker-credential-NAME get`, the registry host on stdin; resolves with stdout. */
export type RunHelper = (executable: string, args: readonly string[], stdin: string) => Promise<{ code: number | null; stdout: string }>;

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** The keys `docker login` files a registry under: Docker Hub's is its old index URL. */
function configKeys(host: string): string[] {
  if (host === 'docker.io' || host === 'registry-1.docker.io' || host === 'index.docker.io') {
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  }
  return [host, `https://${host}`, `http://${host}`, `https://${host}/v1/`, `https://${host}/v2/`];
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return path.join(env.DOCKER_CONFIG ?? path.join(env.HOME ?? env.USERPROFILE ?? os.homedir(), '.docker'), 'config.json');
}

/**
 * The login `docker login` stored for `host`: from `credHelpers[host]` or `credsStore` by running
 * the helper (an argument array, the host on stdin), else from `auths`. Null when there is none;
 * a config or helper that fails is treated as no login, and its output is never logged.
 */
export async function credentialsFor(host: string, env: NodeJS.ProcessEnv, runHelper: RunHelper | null): Promise<Credentials | null> {
  let config: DockerConfig;
  try {
    config = JSON.parse(fs.readFileSync(dockerConfigPath(env), 'utf8')) as DockerConfig;
  } catch {
    return null;
  }
  const keys = configKeys(host);
  const helper = keys.map((k) => config.credHelpers?.[k]).find(Boolean) ?? config.credsStore;
  if (runHelper && helper && /^[\w.-]+$/.test(helper)) {
    try {
      const run = await runHelper(`docker-credential-${helper}`, ['get'], keys[0] as string);
      if (run.code === 0) {
        const answer = JSON.parse(run.stdout) as { Username?: string; Secret?: string };
        if (answer.Secret) return { username: answer.Username ?? '', secret: answer.Secret };
      }
    } catch {
      // no helper installed, or it answered nonsense: fall back to auths
    }
  }
  for (const key of keys) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.identitytoken) return { username: '<token>', secret: entry.identitytoken };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password) return { username: entry.username, secret: entry.password };
  }
  return null;
}

import { ownPackageJson } from './packageVersion';

/**
 * Where the project lives, as its package.json says (`repository`, `homepage`, `bugs`): the
 * CLI's help, SARIF's `helpUri`/`informationUri`, `seaworthy rules` and the internal-error
 * message link there, and nowhere when nothing is set. No host is written into the code.
 */
export interface ProjectLinks {
  /** `homepage`, else the repository's web page. */
  home: string | null;
  /** `bugs`, else the repository's issue tracker. */
  issues: string | null;
  /** The rule's page in the repository (`docs/rules/<id>.md`). */
  ruleDoc(ruleId: string): string | null;
  /** The folder of rule pages in the repository. */
  rules: string | null;
}

let cached: ProjectLinks | undefined;

export function projectLinks(): ProjectLinks {
  cached ??= linksOf(ownPackageJson() ?? {});
  return cached;
}

export function linksOf(pkg: Record<string, unknown>): ProjectLinks {
  const repository = repositoryOf(pkg.repository);
  const homepage = httpsUrl(pkg.homepage);
  const bugs = httpsUrl(typeof pkg.bugs === 'object' && pkg.bugs !== null ? (pkg.bugs as { url?: unknown }).url : pkg.bugs);
  const tree = repository ? `${repository.web}/blob/HEAD/${repository.directory ? `${repository.directory}/` : ''}docs/rules` : null;
  return {
    home: homepage ?? repository?.web ?? null,
    issues: bugs ?? (repository ? `${repository.web}/issues` : null),
    ruleDoc: (ruleId) => (tree ? `${tree}/${encodeURIComponent(ruleId)}.md` : null),
    rules: tree ? tree.replace('/blob/', '/tree/') : null,
  };
}

/**
 * The web address of a package.json `repository`: `owner/name` and `github:owner/name` (npm's
 * shorthands), `gitlab:`/`bitbucket:` ones, and git URLs (`git+https://…/x.git`,
 * `git@host:owner/name.git`, `ssh://git@host/owner/name`), as a string or `{url, directory}`.
 */
function repositoryOf(value: unknown): { web: string; directory: string | null } | null {
  const url = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { url?: unknown }).url : null;
  if (typeof url !== 'string' || url.trim() === '') return null;
  const rawDirectory = typeof value === 'object' && value !== null ? (value as { directory?: unknown }).directory : null;
  const directory = typeof rawDirectory === 'string' && rawDirectory.trim() !== '' ? rawDirectory.trim().replace(/^\/+|\/+$/g, '') : null;
  const web = webUrl(url.trim());
  return web ? { web, directory } : null;
}

const SHORTHAND_HOSTS: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };

function webUrl(url: string): string | null {
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(url);
  if (shorthand?.[2]) return `https://${SHORTHAND_HOSTS[shorthand[1] ?? 'github']}/${shorthand[2].replace(/\.git$/, '')}`;
  const scp = /^[\w.-]+@([\w.-]+):([\w./-]+?)(?:\.git)?\/?$/.exec(url);
  if (scp?.[1] && scp[2]) return `https://${scp[1]}/${scp[2]}`;
  const withScheme = /^(?:git\+)?(?:https?|ssh|git):\/\/(?:[^@/]+@)?([\w.-]+)(?::\d+)?\/([\w./-]+?)(?:\.git)?\/?$/.exec(url);
  if (withScheme?.[1] && withScheme[2]) return `https://${withScheme[1]}/${withScheme[2]}`;
  return null;
}

function httpsUrl(value: unknown): string | null {
  return typeof value === 'string' && /^https:\/\/[^\s]+$/.test(value.trim()) ? value.trim().replace(/\/+$/, '') : null;
}

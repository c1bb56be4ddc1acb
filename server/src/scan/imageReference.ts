/**
 * Image references as the distribution reference grammar (github.com/distribution/reference)
 * defines them: `[domain[:port]/]path[:tag][@algorithm:hex]`. A reference is validated before it
 * is handed to a scanner, so nothing a file or a user types reaches a child process unless it is
 * one: no leading `-` (it would read as an option), no spaces, no shell syntax.
 */
export interface ParsedReference {
  /** `docker.io` when none is written, as Docker resolves it. */
  domain: string;
  /** `library/node` for Docker Hub's official images written `node`. */
  path: string;
  tag: string | null;
  digest: string | null;
}

const ALPHA_NUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|-+)';
const PATH_COMPONENT = `${ALPHA_NUMERIC}(?:${SEPARATOR}${ALPHA_NUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
/** Exported for the ReDoS test: built from strings, so no literal shows them. */
export const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
export const PATH = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const NAME_LIMIT = 255;
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Parses and normalises a reference; null when it is not one (`referenceProblem` says why). */
export function parseReference(text: string): ParsedReference | null {
  const match = REFERENCE.exec(text);
  if (!match) return null;
  let [, domain, path] = match as unknown as [string, string | undefined, string, string | undefined, string | undefined];
  const [, , , tag, digest] = match as unknown as [string, string | undefined, string, string | undefined, string | undefined];
  // `a/b`: `a` is a domain only when it looks like one (a dot, a port, `localhost`); else it is a path.
  if (domain !== undefined && !/[.:[]/.test(domain) && domain !== 'localhost') {
    path = `${domain}/${path}`;
    domain = undefined;
    if (!PATH.test(path)) return null;
  }
  // Docker reads a first component with a dot as a domain; one that failed the domain grammar is no reference.
  const first = path.split('/')[0] as string;
  if (domain === undefined && path.includes('/') && (/[.:]/.test(first) || first === 'localhost')) return null;
  const name = domain === undefined ? path : `${domain}/${path}`;
  if (name.length > NAME_LIMIT) return null;
  const hub = domain === undefined || DOCKER_HUB_ALIASES.has(domain);
  return {
    domain: hub ? 'docker.io' : (domain as string),
    path: hub && !path.includes('/') ? `library/${path}` : path,
    tag: tag ?? null,
    digest: digest ?? null,
  };
}

/** Why `text` is not an image reference, in words a user can act on; null when it is one. */
export function referenceProblem(text: string): string | null {
  if (text === '') return 'the image reference is empty';
  if (text.startsWith('-')) return `'${text}' starts with '-': an image reference never does`;
  if (/\s/.test(text)) return `'${text}' contains white space`;
  if (/[A-Z]/.test(text.split('/').slice(-1)[0]?.split(/[:@]/)[0] ?? '')) return `'${text}' has upper-case letters in its repository name`;
  return parseReference(text) ? null : `'${text}' is not an image reference (expected [registry/]repository[:tag][@sha256:digest])`;
}

/**
 * Whether two references name the same image as a registry would resolve them: `node`,
 * `node:latest` and `docker.io/library/node:latest` are one image; digests decide when both
 * have one, else tags (absent means `latest` only when there is no digest either).
 */
export function sameImage(a: string, b: string): boolean {
  const x = parseReference(a);
  const y = parseReference(b);
  if (!x || !y) return a === b;
  if (x.domain !== y.domain || x.path !== y.path) return false;
  if (x.digest && y.digest) return x.digest === y.digest;
  // `node@sha256:…` may well be `node:22`: a digest without a tag cannot be told apart by name.
  if ((x.digest && !x.tag) || (y.digest && !y.tag)) return true;
  return (x.tag ?? 'latest') === (y.tag ?? 'latest');
}

/** The canonical form, `docker.io/library/node:22` (`:latest` when neither tag nor digest is given), for cache keys. */
export function canonicalReference(text: string): string {
  const r = parseReference(text);
  if (!r) return text;
  const tag = r.tag ?? (r.digest ? null : 'latest');
  return `${r.domain}/${r.path}${tag ? `:${tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

import type { Run } from 'dockerfile-ast';

/** One `RUN --mount=…` as BuildKit reads its comma-separated `key=value` options. */
export interface RunMount {
  type: string;
  target: string | null;
}

/** The `--mount` flags of a RUN (`type` defaults to `bind`, as in BuildKit). */
export function mountsOf(run: Run): RunMount[] {
  const out: RunMount[] = [];
  for (const flag of run.getFlags()) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const options = new Map<string, string>();
    for (const part of (flag.getValue() ?? '').split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) options.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    out.push({ type: (options.get('type') ?? 'bind').toLowerCase(), target: options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null });
  }
  return out;
}

/**
 * The RUN mounts a cache or tmpfs over `path` (or a directory above it), so what the command
 * leaves there never reaches the image: hadolint's exemption for the cache rules. A relative
 * `path` (`.cache/pip`) matches a target that ends with it (`/root/.cache/pip`).
 */
export function hasCacheMountOver(run: Run, path: string): boolean {
  return mountsOf(run).some((m) => {
    if ((m.type !== 'cache' && m.type !== 'tmpfs') || !m.target) return false;
    const target = withoutTrailingSlashes(m.target);
    return path.startsWith('/') ? path === target || path.startsWith(`${target}/`) : target === path || target.endsWith(`/${path}`);
  });
}

/** `/a/b//` → `/a/b` (a loop: the regex `/\/+$/` is quadratic on a long run of slashes). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

/** The parts of a package URL (`pkg:deb/debian/openssl@3.0.11-1~deb12u2?os_name=debian&os_version=12`) a report needs. */
export interface PackageUrl {
  type: string;
  /** `@babel/core` for scoped npm packages, else the bare name. */
  name: string;
  version: string;
  qualifiers: ReadonlyMap<string, string>;
}

/** Parses a purl, percent-decoding each part (`%2B` → `+`); null when `text` is not one. */
export function parsePackageUrl(text: string): PackageUrl | null {
  const match = /^pkg:([a-zA-Z][\w.+-]*)\/([^?#]+)(?:\?([^#]*))?(?:#.*)?$/.exec(text.trim());
  if (!match) return null;
  const [, type, pathAndVersion, query] = match as unknown as [string, string, string, string | undefined];
  // The version follows the last `@` after the last `/` (a scoped npm namespace has an `@` too).
  const at = pathAndVersion.lastIndexOf('@');
  const hasVersion = at > pathAndVersion.lastIndexOf('/');
  const segments = (hasVersion ? pathAndVersion.slice(0, at) : pathAndVersion).split('/').map(decode);
  const name = segments.pop() ?? '';
  const namespace = segments.pop();
  const qualifiers = new Map<string, string>();
  for (const pair of (query ?? '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) qualifiers.set(pair.slice(0, eq).toLowerCase(), decode(pair.slice(eq + 1)));
  }
  return {
    type: type.toLowerCase(),
    name: namespace?.startsWith('@') ? `${namespace}/${name}` : name,
    version: hasVersion ? decode(pathAndVersion.slice(at + 1)) : '',
    qualifiers,
  };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

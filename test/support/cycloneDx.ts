/** The packages of a `scan --format cyclonedx` BOM, in its order, as `type:name@version` (`deb:apt@2.6.1`). */
export function bomPackages(stdout: string): string[] {
  const bom = JSON.parse(stdout) as { components: { name: string; version?: string; purl?: string }[] };
  return bom.components.flatMap((c) => (c.purl ? [`${c.purl.slice('pkg:'.length, c.purl.indexOf('/'))}:${c.name}@${c.version}`] : []));
}

/** The keys of one scan in `scan --format json`: DESIGN.md's contract, exactly and in order. */
export const SCAN_JSON_KEYS = ['image', 'digest', 'engine', 'os', 'vulnerabilities', 'findings'];

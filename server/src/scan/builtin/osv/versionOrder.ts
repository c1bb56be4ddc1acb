import { compare as comparePep440, valid as validPep440 } from '@renovatebot/pep440';
import * as semver from 'semver';
import { compareApkVersions } from './apkVersion';
import { compareDpkgVersions } from './dpkgVersion';

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`; throws when either is not a version of the ecosystem. */
export type VersionOrder = (a: string, b: string) => number;

export class VersionSyntaxError extends Error {}

/** semver (npm, Go without its `v`, crates.io), strictly: an unreadable version is not guessed at. */
function compareSemver(a: string, b: string): number {
  const x = semver.parse(a.replace(/^v/, ''));
  const y = semver.parse(b.replace(/^v/, ''));
  if (!x || !y) throw new VersionSyntaxError(`'${x ? b : a}' is not a semantic version`);
  return x.compare(y);
}

/** PEP 440 (PyPI): epochs, pre-, post- and dev-releases, local versions. */
function comparePython(a: string, b: string): number {
  if (!validPep440(a) || !validPep440(b)) throw new VersionSyntaxError(`'${validPep440(a) ? b : a}' is not a PEP 440 version`);
  return comparePep440(a, b);
}

/** The version order of an OSV ecosystem (`Debian:12`, `Alpine:v3.19`, `npm`, `PyPI`, `Go`), or null for one not known. */
export function versionOrder(ecosystem: string): VersionOrder | null {
  switch (ecosystem.split(':')[0]) {
    case 'Debian':
    case 'Ubuntu':
      return compareDpkgVersions;
    case 'Alpine':
      return compareApkVersions;
    case 'npm':
    case 'Go':
    case 'crates.io':
      return compareSemver;
    case 'PyPI':
      return comparePython;
    default:
      return null;
  }
}

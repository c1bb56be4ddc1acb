import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { debianPackagesSkipReason } from './debianPackages';

/** Installs rpm (rpmbuild, rpm) when missing and root; why the rpm tests cannot run, or null. */
export function rpmSkipReason(): string | null {
  return debianPackagesSkipReason({ '/usr/bin/rpmbuild': 'rpm', '/usr/bin/rpm': 'rpm' }, 'the rpm database tests');
}

/** A package to build: one spec each; `subpackages` share its version and source rpm. */
export interface RpmSpec {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  subpackages?: string[];
  /** A description this long makes the header blob larger than a database page (an overflow chain). */
  descriptionBytes?: number;
}

/**
 * A real rpm SQLite database at test time: each spec built into noarch packages by `rpmbuild`
 * (argument arrays, a `_topdir` of the test's own), then registered by `rpm --root ROOT
 * --initdb` and `rpm -i --justdb` (no files written, no scripts). Returns the root, whose
 * `var/lib/rpm/rpmdb.sqlite` it is.
 */
export function buildRpmDatabase(dir: string, specs: readonly RpmSpec[]): string {
  const top = path.join(dir, 'rpmbuild');
  const root = path.join(dir, 'root');
  fs.mkdirSync(path.join(top, 'SPECS'), { recursive: true });
  fs.mkdirSync(root, { recursive: true });
  const quiet = { stdio: 'ignore' as const };
  for (const spec of specs) {
    const file = path.join(top, 'SPECS', `${spec.name}.spec`);
    fs.writeFileSync(file, specText(spec));
    execFileSync('rpmbuild', ['--define', `_topdir ${top}`, '--define', '_build_id_links none', '-bb', file], quiet);
  }
  const rpms = fs.readdirSync(path.join(top, 'RPMS', 'noarch')).map((f) => path.join(top, 'RPMS', 'noarch', f));
  const db = ['--root', root, '--dbpath', '/var/lib/rpm', '--define', '_db_backend sqlite'];
  execFileSync('rpm', [...db, '--initdb'], quiet);
  execFileSync('rpm', [...db, '-i', '--justdb', '--nodeps', '--noscripts', '--ignorearch', '--ignoreos', ...rpms], quiet);
  return root;
}

/** What rpm itself says is installed under `root`: `NAME EVR ARCH SOURCERPM` lines, sorted. */
export function rpmQueryAll(root: string): string[] {
  const out = execFileSync('rpm', ['--root', root, '--dbpath', '/var/lib/rpm', '--define', '_db_backend sqlite', '-qa', '--qf', '%{NAME} %{EVR} %{ARCH} %{SOURCERPM}\\n'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').sort();
}

function specText(spec: RpmSpec): string {
  const description = spec.descriptionBytes ? 'A long description. '.repeat(Math.ceil(spec.descriptionBytes / 20)) : `The ${spec.name} test package.`;
  const lines = [
    `Name: ${spec.name}`,
    `Version: ${spec.version}`,
    `Release: ${spec.release}`,
    ...(spec.epoch !== undefined ? [`Epoch: ${spec.epoch}`] : []),
    'Summary: a Seaworthy test package',
    'License: MIT',
    'BuildArch: noarch',
    '%description',
    description,
  ];
  for (const sub of spec.subpackages ?? []) lines.push(`%package -n ${sub}`, `Summary: ${sub}`, `%description -n ${sub}`, `The ${sub} test package.`, `%files -n ${sub}`);
  lines.push('%files', '');
  return lines.join('\n');
}

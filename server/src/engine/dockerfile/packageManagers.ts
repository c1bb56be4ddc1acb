import type { ShellCommand, ShellWord } from '../../parse/shell/shellScript';
import { argument, countFlag, hasFlag, subcommandOf } from '../../parse/shell/shellScript';

/**
 * What the Dockerfile rules know about package managers' command lines: which invocation
 * installs, which option keeps an image small or a build unattended. Read from parsed commands
 * (`parse/shell`), with hadolint's readings where hadolint has the same check.
 */

/** `apt-get … install …`: the `install` word. (`apt`, the interactive front end, is another rule's.) */
export function aptGetInstall(command: ShellCommand): ShellWord | undefined {
  return subcommandOf(command, 'apt-get', ['install']);
}

/** `apt-get update` / `apt update`: what fills /var/lib/apt/lists. */
export function aptUpdate(command: ShellCommand): ShellWord | undefined {
  return subcommandOf(command, ['apt-get', 'apt'], ['update']);
}

/** `--no-install-recommends`, or `-o APT::Install-Recommends=false` (hadolint DL3015's two). */
export function skipsRecommends(command: ShellCommand): boolean {
  return hasFlag(command, 'no-install-recommends') || command.args.some((w) => /^APT::Install-Recommends=(?:false|0|no)$/i.test(w.value ?? ''));
}

/** apt-get answers its prompts itself: `-y`, `--yes`, `--assume-yes`, `-qq`, `-q -q`, `-q=2` (hadolint DL3014). */
export function answersYes(command: ShellCommand): boolean {
  return hasFlag(command, 'y', 'yes', 'assume-yes') || countFlag(command, 'q') === 2 || countFlag(command, 'quiet') === 2 || argument(command, '-q=2') !== undefined || hasFlag(command, 'qq');
}

/** `rm … /var/lib/apt/lists…`: the command removes the package lists. */
export function removesAptLists(command: ShellCommand): boolean {
  return command.program === 'rm' && command.args.some((w) => /^\/var\/lib\/apt\/lists(?:\/|$)/.test(w.value ?? w.text));
}

/** `apk … add …`: the `add` word. */
export function apkAdd(command: ShellCommand): ShellWord | undefined {
  return subcommandOf(command, 'apk', ['add']);
}

/**
 * `pip install`, `pip3 install`, `python3 -m pip install` (hadolint's reading): the `install`
 * word. pipx and pipenv manage their own environments and are not pip installs.
 */
export function pipInstall(command: ShellCommand): ShellWord | undefined {
  const program = command.program ?? '';
  if (/^pip[0-9.]*$/.test(program)) return argument(command, 'install');
  if (!/^python[0-9.]*$/.test(program)) return undefined;
  const values = command.args.map((w) => w.value);
  const m = values.indexOf('-m');
  return m !== -1 && values[m + 1] === 'pip' && values[m + 2] === 'install' ? command.args[m + 2] : undefined;
}

/** A `PIP_NO_CACHE_DIR` value pip reads as "do not cache" (any truthy spelling). */
export function isTruthyPipSetting(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && /^(?:1|true|yes|on)$/i.test(value.trim());
}

/** The RPM-family package managers (and zypper), with what installs, answers prompts and cleans up. */
export interface RpmManager {
  program: 'yum' | 'dnf' | 'microdnf' | 'zypper';
  /** Subcommands that install packages (and so fill the cache and may prompt). */
  installs: readonly string[];
  /** Options that answer the prompt (hadolint DL3030/DL3038/DL3034). */
  yes: readonly string[];
  /** The command that empties the cache, and the cache directory a `rm -rf` may remove instead. */
  clean: string;
  cacheDir: string;
}

export const RPM_MANAGERS: readonly RpmManager[] = [
  { program: 'yum', installs: ['install', 'groupinstall', 'localinstall', 'reinstall'], yes: ['y', 'assumeyes'], clean: 'yum clean all', cacheDir: '/var/cache/yum' },
  { program: 'dnf', installs: ['install', 'groupinstall', 'localinstall', 'reinstall'], yes: ['y', 'assumeyes'], clean: 'dnf clean all', cacheDir: '/var/cache/dnf' },
  { program: 'microdnf', installs: ['install', 'reinstall'], yes: ['y', 'assumeyes'], clean: 'microdnf clean all', cacheDir: '/var/cache/yum' },
  { program: 'zypper', installs: ['install', 'in', 'source-install', 'si', 'patch'], yes: ['n', 'non-interactive', 'no-confirm', 'y'], clean: 'zypper clean --all', cacheDir: '/var/cache/zypp' },
];

/** The manager and its install word when `command` installs with yum, dnf, microdnf or zypper. */
export function rpmInstall(command: ShellCommand): { manager: RpmManager; install: ShellWord } | undefined {
  const manager = RPM_MANAGERS.find((m) => m.program === command.program);
  const install = manager ? subcommandOf(command, manager.program, manager.installs) : undefined;
  return manager && install ? { manager, install } : undefined;
}

/** `yum clean all`, `zypper clean`/`zypper cc`, or `rm -rf <cache dir>…`: the command empties `manager`'s cache. */
export function cleansCache(command: ShellCommand, manager: RpmManager): boolean {
  if (command.program === 'rm') return command.args.some((w) => (w.value ?? w.text).startsWith(manager.cacheDir));
  if (command.program !== manager.program) return false;
  const values = command.args.map((w) => w.value);
  return manager.program === 'zypper' ? values.includes('clean') || values.includes('cc') : values.includes('clean') && values.includes('all');
}

/** `apt-get install` operands that are not version-pinned (`curl`, not `curl=8.5.0-2`, a local `.deb` or a path). */
export function unpinnedAptPackages(command: ShellCommand): ShellWord[] {
  const install = aptGetInstall(command);
  if (!install) return [];
  return operandsAfter(command, install).filter((w) => {
    const name = w.value ?? w.text;
    return !name.includes('=') && !name.endsWith('.deb') && !name.includes('/') && !name.includes('$');
  });
}

/** `apk add` operands without a version (`curl`, not `curl=8.5.0-r0`), leaving out option values and local `.apk` files. */
export function unpinnedApkPackages(command: ShellCommand): ShellWord[] {
  const add = apkAdd(command);
  if (!add) return [];
  return operandsAfter(command, add, ['-X', '--repository', '-t', '--virtual', '--root', '-p', '--keys-dir', '--repositories-file']).filter((w) => {
    const name = w.value ?? w.text;
    return !/[=<>~]/.test(name) && !name.endsWith('.apk') && !name.includes('/') && !name.includes('$');
  });
}

/** The operands after `after` (null: all of them), skipping options and the values of `valued` options (`-X url`). */
function operandsAfter(command: ShellCommand, after: ShellWord | null, valued: readonly string[] = ['-o', '-t', '--target-release', '-c', '--config-file']): ShellWord[] {
  const out: ShellWord[] = [];
  const args = command.args;
  for (let i = after ? args.indexOf(after) + 1 : 0; i < args.length; i++) {
    const value = args[i]?.value ?? args[i]?.text ?? '';
    if (valued.includes(value)) i++;
    else if (!value.startsWith('-') && args[i]) out.push(args[i] as ShellWord);
  }
  return out;
}

/** pip options whose value is the next word (hadolint DL3013's list), so that value is not a package. */
const PIP_VALUED_OPTIONS = new Set(['--abi', '-b', '--build', '-e', '--editable', '--extra-index-url', '-f', '--find-links', '-i', '--index-url', '--implementation', '--no-binary', '--only-binary', '--platform', '--prefix', '--progress-bar', '--proxy', '--python', '--python-version', '--root', '--root-user-action', '--src', '-t', '--target', '--trusted-host', '--upgrade-strategy']);
const PIP_VERSION = /==|>=|<=|!=|~=|[<>]/;
const PIP_VCS = /^(?:git|hg|svn|bzr)\+/;

/**
 * `pip install` operands without a version (hadolint DL3013): not for requirement files (`-r`),
 * the local project (`.`), constraint files (`-c`), versioned VCS URLs (`git+…@v1`), local wheels
 * and archives, or paths.
 */
export function unpinnedPipPackages(command: ShellCommand): ShellWord[] {
  const install = pipInstall(command);
  if (!install) return [];
  const args = command.args;
  const values = args.map((w) => w.value ?? w.text);
  if (values.some((v) => /^(?:-r|--requirement|-c|--constraint)(?:=|$)/.test(v) || /^-[rc]./.test(v) || v === '.')) return [];
  const out: ShellWord[] = [];
  for (let i = args.indexOf(install) + 1; i < args.length; i++) {
    const value = values[i] ?? '';
    if (PIP_VALUED_OPTIONS.has(value)) i++;
    else if (!value.startsWith('-') && !pinnedPipRequirement(value)) out.push(args[i] as ShellWord);
  }
  return out;
}

function pinnedPipRequirement(requirement: string): boolean {
  if (PIP_VCS.test(requirement)) return requirement.includes('@');
  return PIP_VERSION.test(requirement) || /\.(?:whl|tar\.gz)$/.test(requirement) || requirement.includes('/') || requirement.includes('$');
}

/** Paths, URLs and archives name exactly what they install; a `$VAR` is decided at build time. */
function namesItsSource(name: string): boolean {
  return name.includes('$') || name.includes('/') || /^(?:\.|~)/.test(name) || /\.(?:tgz|tar\.gz|rpm|gem)$/.test(name);
}

/** npm options whose value is the next word, so that value is not a package. */
const NPM_VALUED_OPTIONS = ['--prefix', '-C', '--registry', '--tag', '--workspace', '-w', '--omit', '--include', '--only', '--loglevel', '--cache', '--userconfig'];

/** npm's spellings of `install` (its command aliases, typos included). */
const NPM_INSTALL = ['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall'];

/**
 * A bare `npm install` (its `install` word): it installs the project's dependencies from
 * package.json, not named packages. `install` must be npm's command (the first operand), and a
 * global install (`-g`) is something else.
 */
export function npmInstallOfProject(command: ShellCommand): ShellWord | undefined {
  if (command.program !== 'npm' || hasFlag(command, 'g', 'global')) return undefined;
  const [first] = operandsAfter(command, null, NPM_VALUED_OPTIONS);
  if (!first || first.value === null || !NPM_INSTALL.includes(first.value)) return undefined;
  return operandsAfter(command, first, NPM_VALUED_OPTIONS).length === 0 ? first : undefined;
}

/** npm leaves devDependencies out: `--omit=dev`, `--production`, `--only=prod[uction]`. */
export function npmOmitsDev(command: ShellCommand): boolean {
  const values = command.args.map((w) => w.value ?? w.text);
  return values.some((v, i) => v === '--omit=dev' || (v === '--omit' && values[i + 1] === 'dev') || v === '--production' || v === '--production=true' || /^--only=prod(?:uction)?$/.test(v));
}

/**
 * `npm install|i|add` operands without a version (hadolint DL3016): `express`, not
 * `express@4.21.2` or `@scope/pkg@1.0.0`. A bare `npm install` (the lock file decides), local
 * paths, tarballs and git URLs with a `#ref` are exempt, as in hadolint.
 */
export function unpinnedNpmPackages(command: ShellCommand): ShellWord[] {
  const install = subcommandOf(command, 'npm', ['install', 'i', 'add']);
  if (!install) return [];
  return operandsAfter(command, install, NPM_VALUED_OPTIONS).filter((w) => {
    const name = w.value ?? w.text;
    if (/^(?:git\+|git:|github:|https?:)/.test(name)) return !name.includes('#');
    if (name.startsWith('file:') || namesItsSource(name.replace(/^@[^/]+\//, ''))) return false;
    const version = name.startsWith('@') ? name.slice(1).split('@')[1] : name.split('@')[1];
    return version === undefined || version === '' || version === 'latest';
  });
}

/** `gem install` operands without a version (hadolint DL3028): `rails`, not `rails:8.0.2`; `-v`/`--version` pins them all. */
export function unpinnedGems(command: ShellCommand): ShellWord[] {
  const install = subcommandOf(command, 'gem', ['install', 'i']);
  if (!install || hasFlag(command, 'v', 'version')) return [];
  return operandsAfter(command, install, ['-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-P', '--trust-policy', '--platform']).filter((w) => {
    const name = w.value ?? w.text;
    return !name.includes(':') && !namesItsSource(name);
  });
}

/**
 * `go install` operands without a version (hadolint DL3062): `example.com/cmd/tool`, not
 * `…/tool@v1.2.3`. Unlike hadolint, `@latest` counts as unpinned: it is no pin. Local packages
 * (`.`, `./cmd/…`) build the module's own code and are exempt.
 */
export function unpinnedGoPackages(command: ShellCommand): ShellWord[] {
  const install = subcommandOf(command, 'go', ['install']);
  if (!install || command.args.indexOf(install) !== 0) return [];
  return operandsAfter(command, install, ['-C', '-o', '-tags', '-ldflags', '-gcflags', '-mod', '-modfile', '-p', '-pkgdir', '-toolexec', '-overlay']).filter((w) => {
    const name = w.value ?? w.text;
    if (name.includes('$') || /^\.{1,2}(?:\/|$)/.test(name)) return false;
    const version = name.split('@')[1];
    return version === undefined || version === '' || version === 'latest';
  });
}

/**
 * yum, dnf, microdnf and zypper install operands without a version (hadolint DL3033, DL3041,
 * DL3037): `httpd`, not `httpd-2.4.57` (a `-` followed by a digit), and for zypper also
 * `httpd=2.4.57` or `httpd>=2.4`. Groups (`@core`), local `.rpm` files, paths and URLs are exempt.
 */
export function unpinnedRpmPackages(command: ShellCommand): ShellWord[] {
  const found = rpmInstall(command);
  if (!found) return [];
  const valued = ['--enablerepo', '--disablerepo', '--repo', '--setopt', '--exclude', '-x', '--releasever', '--installroot', '-r', '--from', '-t', '--type'];
  return operandsAfter(command, found.install, valued).filter((w) => {
    const name = w.value ?? w.text;
    if (name.startsWith('@') || namesItsSource(name)) return false;
    if (found.manager.program === 'zypper' && /[=<>]/.test(name)) return false;
    return !/-\d/.test(name);
  });
}

/**
 * The base-image catalogue's vocabulary: what Seaworthy knows, offline, about the images
 * Dockerfiles build on. Every fact carries where it came from and when it was checked, so the
 * data can be refreshed on its own (`npm run check-catalogue` lists entries older than six
 * months). Dates are `YYYY-MM-DD`.
 */

/** Where a fact comes from and when someone last checked it there. */
export interface Sourced {
  /** A URL, or a repository path with its commit. */
  source: string;
  /** `YYYY-MM-DD`. */
  checked: string;
}

/** One release line of a runtime or an OS: `3.12`, `20`, `bookworm`. */
export interface ReleaseCycle extends Sourced {
  /** The version as tags write it: `3.12`, `20`, `1.23`, `12`, `24.04`, `3.20`. */
  cycle: string;
  /** `bookworm`, `noble`, `iron`: names tags may use instead of the number. */
  codenames?: readonly string[];
  /** End of (regular) security support; null when not announced yet. */
  eol: string | null;
  /** End of extended support (Debian LTS, Ubuntu Pro/ESM), when there is one. */
  extendedUntil?: string;
}

export type Libc = 'glibc' | 'musl' | 'none';
export type PackageManager = 'apt' | 'apk' | 'dnf' | 'microdnf' | 'tdnf';

/** The operating systems images are built on. `distroless` is Debian without a shell or dpkg tools. */
export type OsFamily = 'debian' | 'ubuntu' | 'alpine' | 'wolfi' | 'distroless' | 'azurelinux' | 'oraclelinux' | 'busybox' | 'scratch';

export interface ImageUser {
  name: string;
  uid: number;
}

/**
 * What one flavour of an image is: the default (full) Debian variant, `-slim`, `-alpine`, a
 * distroless or Chainguard image. Sizes are approximate uncompressed linux/amd64 sizes as the
 * registries list them, for titles such as "~900 MB smaller"; absent when not known.
 */
export interface VariantFacts {
  os: OsFamily;
  libc: Libc;
  shell: boolean;
  packageManager: PackageManager | null;
  /** The user the image's config runs as. */
  user: ImageUser;
  /** A non-root user the image ships for applications to switch to (node's `node`, 1000). */
  nonRootUser?: ImageUser;
  /** Whether the image is a compiler toolchain (JDK, Go, Rust, .NET SDK): built to build, not to run. */
  toolchain: boolean;
  /** A runtime image that also carries gcc, headers and git (the official images' full variants). */
  buildTools?: boolean;
  /** ~MB uncompressed, linux/amd64. */
  sizeMB?: number;
  /** A full-size image: a minimal variant of the same software exists. */
  fullSize: boolean;
  /** Ports the image's server listens on, when it is a server image. */
  listens?: readonly number[];
  /** The image's ENTRYPOINT when it is the runtime itself (distroless nodejs: `/nodejs/bin/node`). */
  entrypoint?: readonly string[];
  /** Architectures published (`amd64`, `arm64`, ...); absent means the common set. */
  architectures?: readonly string[];
}

/**
 * How a variant is named in tags: the words after the version (`slim`, `alpine`, `bookworm`),
 * matched as a set. The first variant of a family whose `words` are all in the tag and whose
 * `without` are all absent wins, so list specific variants before general ones. The repository
 * adds `repo:<name>` and `repo:<part>` words, and the release line a `cycle:<line>` word (for
 * variants that differ by line: openjdk 8 and 11 default to Debian, 12+ to Oracle Linux).
 */
export interface VariantRule extends Sourced {
  /** A short name for titles and hover: `slim`, `alpine`, `full`. */
  name: string;
  words: readonly string[];
  without?: readonly string[];
  facts: VariantFacts;
}

/**
 * Where a user could move to. `image` is a template: `{version}` is the runtime cycle the
 * Dockerfile uses (or the nearest supported one when that has ended), `{os}` the OS codename
 * the tag names, if any.
 */
export interface Alternative extends Sourced {
  image: string;
  /** What the move changes, for the action's title: "Debian, keeps a shell". */
  summary: string;
  facts: VariantFacts;
  /** The variants (`VariantRule.name`) it replaces, when not every one: php's fpm-alpine suits FPM images only. Absent: any. */
  from?: readonly string[];
  /** Runtime cycles this alternative exists for (distroless has only some); absent: any. */
  cycles?: readonly string[];
  /** The runtime version the alternative brings regardless of the Dockerfile's (distroless python3 is Debian's Python). */
  fixedVersion?: string;
  /** Needs a login or a subscription: said in the title. */
  access?: string;
  /**
   * A runtime for what the stage builds (a Go binary on distroless static): choosing it turns the
   * stage into a build stage and adds a final stage on this image that copies the build output.
   */
  split?: true;
}

/** A family of images: one repository (or a few aliases) and everything known about its tags. */
export interface ImageFamily extends Sourced {
  id: string;
  /** `Python`, `Node.js`, `Debian`. */
  title: string;
  /** Repositories on Docker Hub (without `library/`) or `registry/path` elsewhere; `registry/path/*` for all below a path, and a star, slash and prefix (as dhi's) for Docker Hub names in any namespace. */
  repositories: readonly string[];
  /** `runtime`: a language; `os`: a distribution; `server`: an application server; `tool`. */
  kind: 'runtime' | 'os' | 'server' | 'tool';
  /** Release lines of the runtime or server (or of the OS for `os` families). */
  cycles: readonly ReleaseCycle[];
  /** The OS a tag without an OS word is built on, per runtime cycle when it differs. */
  defaultOs?: { os: 'debian' | 'ubuntu' | 'alpine'; release: string };
  variants: readonly VariantRule[];
  /** Safest first: same distribution, then musl, then shell-less. */
  alternatives: readonly Alternative[];
  deprecated?: Sourced & { since: string; reason: string; replacement: string };
}

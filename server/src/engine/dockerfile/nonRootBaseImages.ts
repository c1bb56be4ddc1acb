import type { ImageReference } from '../../parse/dockerfileModel';
import { lookUpImage } from '../catalogue/lookup';

/**
 * What Seaworthy knows, offline, about the user a base image runs as and the non-root user it
 * ships. Sources: anchors D1–D4 (distroless `nonroot` = 65532, Chainguard and Docker Hardened
 * Images run-as 65532 in their runtime variants, nginx-unprivileged `USER 101`, .NET 8+ `app`
 * user with `ENV APP_UID=1654`, the official node image's `node` user).
 */

/** The non-root user to switch to, and how to say so in a fix title. */
export interface NonRootUserChoice {
  /** The text to write after `USER`: a UID, so that Kubernetes `runAsNonRoot` can verify it. */
  user: string;
  /** Ends a sentence such as "Switch to …": says which user this is and why it was picked. */
  description: string;
  /** A `RUN` (without the keyword) that creates the user, when the image has none to use. */
  create?: string;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Docker Hub repository without the implicit `library/`, or null for other registries. */
function dockerHubRepository(ref: ImageReference): string | null {
  if (ref.registry !== null && !DOCKER_HUB.has(ref.registry.toLowerCase())) return null;
  return ref.repository.replace(/^library\//, '');
}

/** Tags are `-`-separated words: `debug-nonroot-amd64`, `3.13-dev`, `latest-dev`. */
function tagWords(ref: ImageReference): string[] {
  return (ref.tag ?? 'latest').toLowerCase().split('-');
}

function isDistroless(ref: ImageReference): boolean {
  return ref.registry?.toLowerCase() === 'gcr.io' && ref.repository.startsWith('distroless/');
}

function isChainguard(ref: ImageReference): boolean {
  return ref.registry?.toLowerCase() === 'cgr.dev';
}

/** dhi.io/<name>, or a paid-tier mirror docker.io/<org>/dhi-<name>. */
function isDockerHardened(ref: ImageReference): boolean {
  if (ref.registry?.toLowerCase() === 'dhi.io') return true;
  const hub = dockerHubRepository(ref);
  return hub !== null && /^[^/]+\/dhi-[^/]+$/.test(hub);
}

/** Chainguard OS base images: a shell and apk for building on, running as root. */
const CHAINGUARD_ROOT_IMAGES = new Set(['wolfi-base', 'chainguard-base', 'busybox']);

function isNginxUnprivileged(ref: ImageReference): boolean {
  return /^(?:nginxinc|nginx)\/nginx-unprivileged$/.test(ref.repository);
}

function isDotnet(ref: ImageReference): boolean {
  return ref.registry?.toLowerCase() === 'mcr.microsoft.com' && ref.repository.startsWith('dotnet/');
}

/**
 * Windows images have no root user to avoid (they run as ContainerUser or ContainerAdministrator),
 * so the root-user rules do not apply to them.
 */
export function isWindowsImage(ref: ImageReference): boolean {
  if (ref.registry?.toLowerCase() !== 'mcr.microsoft.com') return false;
  const words = tagWords(ref);
  return ref.repository.startsWith('windows/') || words.some((w) => w.startsWith('nanoserver') || w.startsWith('windowsservercore'));
}

/**
 * True when the image's own config sets a non-root user, so a Dockerfile built on it needs no
 * `USER`. Unknown images are assumed to run as root, as nearly all general-purpose images do.
 */
export function runsAsNonRootByDefault(ref: ImageReference): boolean {
  // The catalogue's facts first; the patterns below cover what it does not list (other DHI names).
  const known = lookUpImage(ref)?.facts.user;
  if (known) return known.uid !== 0;
  const words = tagWords(ref);
  if (isDistroless(ref)) return words.includes('nonroot');
  if (isChainguard(ref)) {
    const name = ref.repository.split('/').pop() ?? '';
    return !words.includes('dev') && !CHAINGUARD_ROOT_IMAGES.has(name);
  }
  // DHI `-dev` variants run as root; `-sdk` variants are build images and are not relied on.
  if (isDockerHardened(ref)) return !words.includes('dev') && !words.includes('sdk');
  if (isNginxUnprivileged(ref)) return true;
  // .NET chiseled (Ubuntu) and Azure Linux distroless images default to the `app` user.
  if (isDotnet(ref)) return words.includes('chiseled') || words.includes('distroless');
  return false;
}

/** The fallback UID: above 10000, so kube-score and Trivy KSV-0020 accept it too. */
export const FALLBACK_NON_ROOT_UID = '10001';

/**
 * How to create the fallback user on an image with a shell, by its package family: shadow's
 * `useradd` on Debian and Ubuntu (`--no-log-init`: no sparse lastlog for a high UID, hadolint
 * DL3046), busybox `adduser -S` on Alpine and Wolfi.
 */
const CREATE_USER: Record<string, string> = {
  apt: `useradd --uid ${FALLBACK_NON_ROOT_UID} --no-log-init --no-create-home --shell /usr/sbin/nologin app`,
  apk: `adduser -S -D -H -u ${FALLBACK_NON_ROOT_UID} -s /sbin/nologin app`,
};

/**
 * The non-root user a fix should switch to, chosen from the base image (null for `scratch` or
 * an image that could not be resolved). Always numeric (Kubernetes refuses to start a
 * `runAsNonRoot` pod whose image names its user: "image has non-numeric user"): the image's own
 * non-root user by UID where the catalogue knows one, else UID 10001, created with
 * `useradd`/`adduser` first where the image has a shell and a known package family.
 */
export function nonRootUserFor(ref: ImageReference | null): NonRootUserChoice {
  if (ref) {
    if (isDistroless(ref) || isChainguard(ref) || isDockerHardened(ref)) {
      return { user: '65532', description: "the image's nonroot user (UID 65532)" };
    }
    if (isNginxUnprivileged(ref)) return { user: '101', description: "the image's nginx user (UID 101)" };
    // `ENV APP_UID=1654` in the .NET images: BuildKit writes the number into the image config.
    if (isDotnet(ref)) return { user: '$APP_UID', description: "the image's app user ($APP_UID, UID 1654)" };
    const facts = lookUpImage(ref)?.facts;
    if (facts?.nonRootUser) return { user: String(facts.nonRootUser.uid), description: `the image's ${facts.nonRootUser.name} user (UID ${facts.nonRootUser.uid})` };
    const create = facts?.shell && facts.packageManager ? CREATE_USER[facts.packageManager] : undefined;
    if (create) return { user: FALLBACK_NON_ROOT_UID, description: `a new user app (UID ${FALLBACK_NON_ROOT_UID}), created first`, create };
  }
  return {
    user: FALLBACK_NON_ROOT_UID,
    description: `UID ${FALLBACK_NON_ROOT_UID} (a numeric user: create it with useradd if the app needs a name or home)`,
  };
}

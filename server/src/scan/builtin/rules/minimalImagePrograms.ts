import type { ScannedImage } from '../scannedImage';

/** Shells a container could be driven with. */
export const SHELLS = ['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox'];
/** Package managers that can install more software into a running container. */
export const PACKAGE_MANAGERS = ['apt', 'apt-get', 'dpkg', 'apk', 'yum', 'dnf', 'microdnf', 'rpm', 'tdnf', 'zypper'];
const BIN_DIRS = ['bin', 'usr/bin', 'sbin', 'usr/sbin', 'usr/local/bin'];
const PROGRAM_PATHS = new Set(BIN_DIRS.flatMap((dir) => [...SHELLS, ...PACKAGE_MANAGERS].map((name) => `${dir}/${name}`)));

/** Whether a path is where `programsPresent` looks (so a scan records that entry). */
export function isProgramPath(filePath: string): boolean {
  return PROGRAM_PATHS.has(filePath);
}

/** Which of `names` the final file system has in a bin folder (files or links), as absolute paths. */
export function programsPresent(image: ScannedImage, names: readonly string[]): string[] {
  const found: string[] = [];
  for (const dir of BIN_DIRS) {
    for (const name of names) {
      const file = image.files.get(`${dir}/${name}`);
      if (file && file.meta.type !== 'directory') found.push(`/${dir}/${name}`);
    }
  }
  return found;
}

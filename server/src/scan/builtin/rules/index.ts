import imageCredentialFile from './image-credential-file';
import imageEnvSecret from './image-env-secret';
import imageExposesSensitivePort from './image-exposes-sensitive-port';
import imageHistorySecret from './image-history-secret';
import imageOsEndOfLife from './image-os-end-of-life';
import imagePackageManagerPresent from './image-package-manager-present';
import imagePrivateKey from './image-private-key';
import imageRunsAsRoot from './image-runs-as-root';
import imageSetuidFile from './image-setuid-file';
import imageShellPresent from './image-shell-present';
import imageWorldWritableFile from './image-world-writable-file';
import type { ImageRule } from './imageRule';
import vulnerabilitiesNotChecked from './vulnerabilities-not-checked';

export type { ImageRule, ImageRuleMeta } from './imageRule';

/** Every check the built-in scanner runs on an image, one file each, by id. */
export const IMAGE_RULES: readonly ImageRule[] = [
  imageCredentialFile,
  imageEnvSecret,
  imageExposesSensitivePort,
  imageHistorySecret,
  imageOsEndOfLife,
  imagePackageManagerPresent,
  imagePrivateKey,
  imageRunsAsRoot,
  imageSetuidFile,
  imageShellPresent,
  imageWorldWritableFile,
  vulnerabilitiesNotChecked,
];

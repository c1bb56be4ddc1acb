/**
 * What one scan will read at most, so that a hostile or broken image cannot exhaust the disk,
 * memory or time of the machine scanning it. Every limit reached is an error saying which.
 */
export interface ImageLimits {
  /** Uncompressed bytes of all layers together. */
  totalBytes: number;
  /** Entries (files, directories, links) of all layers together. */
  entries: number;
  /** Path components of one entry. */
  depth: number;
  /** A manifest, index or config: read whole, so kept small. */
  documentBytes: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  totalBytes: 16 * 1024 ** 3,
  entries: 2_000_000,
  depth: 256,
  documentBytes: 8 * 1024 ** 2,
};

/** `16 GiB`, `2.5 MiB`: a byte count as a person reads it. */
export function byteSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

import type { ScanErrorKind } from '../scanner';

/**
 * Why the built-in scanner could not read an image, in words that name the blob, file or limit
 * concerned. The scanner turns it into a ScanError of the same kind.
 */
export class ImageError extends Error {
  constructor(
    readonly kind: Extract<ScanErrorKind, 'not-found' | 'login' | 'failed' | 'unsupported' | 'timeout' | 'cancelled'>,
    message: string,
  ) {
    super(message);
  }
}

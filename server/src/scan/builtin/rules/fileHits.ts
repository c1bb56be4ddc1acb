import type { FileMeta } from '../layerReader';
import type { LayerSecret, ScannedImage } from '../scannedImage';
import { shownPath } from '../scannedImage';
import type { ImageRuleHit } from './imageRule';

/** A hit for each file of the final file system that `describe` has something to say about. */
export function finalFileHits(image: ScannedImage, describe: (shown: string, meta: FileMeta, filePath: string) => string | null): ImageRuleHit[] {
  const hits: ImageRuleHit[] = [];
  for (const [filePath, { meta }] of image.files) {
    const message = describe(shownPath(filePath), meta, filePath);
    if (message !== null) hits.push({ path: shownPath(filePath), message });
  }
  return hits;
}

/** `0644`: a mode as `ls` and `chmod` write it. */
export function octalMode(meta: FileMeta): string {
  return meta.mode.toString(8).padStart(4, '0');
}

/** The secrets of one kind, each said where it is: in the final file system, or only in an earlier layer. */
export function secretFileHits(image: ScannedImage, kind: LayerSecret['kind']): ImageRuleHit[] {
  return image.secrets
    .filter((s) => s.kind === kind)
    .map((s) => ({
      path: shownPath(s.path),
      message: s.present
        ? `${shownPath(s.path)} holds ${s.what} (layer ${s.layer + 1})`
        : `${shownPath(s.path)} holds ${s.what} in layer ${s.layer + 1}; a later layer deleted or replaced it, but it stays in that layer for anyone who pulls the image`,
    }));
}

import type { ScanSeverity } from '../../model';
import type { ScannedImage } from '../scannedImage';

export interface ImageRuleMeta {
  /** Stable kebab-case id, `image-…`. */
  id: string;
  title: string;
  severity: ScanSeverity;
  category: 'privilege' | 'secrets' | 'isolation' | 'minimal-image' | 'supply-chain';
  /** Why it matters and what to do: the docs page's paragraph. */
  rationale: string;
  /** How to fix it in the Dockerfile that builds the image. */
  fix: string;
}

/** What one check reports: the file concerned (null for the config) and a message. */
export interface ImageRuleHit {
  message: string;
  path: string | null;
}

/** One check of a built image, like an editor rule: metadata for its docs page, and a check. */
export interface ImageRule {
  meta: ImageRuleMeta;
  check(image: ScannedImage): ImageRuleHit[];
}

export function defineImageRule(rule: ImageRule): ImageRule {
  return rule;
}

import type { Range } from '../engine/types';
import { finalStage, parseDockerfileModel, type Stage } from '../parse/dockerfileModel';
import { LineIndex } from '../parse/lineIndex';
import { parseYamlChunk, splitYamlDocuments, yamlLibrary } from '../parse/yamlDocuments';
import { walkYaml } from '../parse/yamlWalk';
import type { ImageScan } from './model';
import { parseReference, sameImage } from './imageReference';

/** A place in a file that names an image: a `FROM` line's image, or an `image:` value. */
export interface ImageMention {
  /** The image with `ARG` defaults resolved, as a scanner would be given it. */
  image: string;
  /** The image text's range (on the `FROM` line, or the `image:` value). */
  range: Range;
  /** True for the `FROM` whose image the Dockerfile's final stage is built on. */
  final: boolean;
}

/**
 * The images a Dockerfile's `FROM` lines pull, `ARG` defaults resolved (through the parse
 * layer); stages built on earlier stages, `scratch` and images whose `ARG` has no default are
 * left out because there is nothing to scan.
 */
export function dockerfileImageMentions(text: string): ImageMention[] {
  const model = parseDockerfileModel(text);
  const last = finalStage(model);
  const root = last ? rootOf(last) : undefined;
  return model.stages
    .filter((s) => s.base.reference !== null && s.base.resolved !== null)
    .map((s) => ({ image: s.base.resolved as string, range: s.base.range, final: s === root }));
}

/**
 * The `image:` values of a YAML file with a plain reference for a value: containers of every
 * Kubernetes workload, Compose services, and any other `image:` key. Values with variables
 * (`${TAG}`, `{{ .Values.tag }}`) or that are not references are left out.
 */
export function yamlImageMentions(text: string): ImageMention[] {
  const { isMap, isScalar } = yamlLibrary();
  const lines = new LineIndex(text);
  const mentions: ImageMention[] = [];
  for (const chunk of splitYamlDocuments(text)) {
    const { doc } = parseYamlChunk(chunk);
    if (!doc) continue;
    walkYaml(doc.contents, {
      pair(pair) {
        if (!isScalar(pair.key) || pair.key.value !== 'image' || !isScalar(pair.value) || isMap(pair.value)) return;
        const value = pair.value.value;
        const range = pair.value.range;
        if (typeof value !== 'string' || !range || parseReference(value) === null) return;
        mentions.push({ image: value, range: lines.range(chunk.startOffset + range[0], chunk.startOffset + range[1]), final: false });
      },
    });
  }
  return mentions;
}

/** The images a Dockerfile or a YAML file names, by what the file is. */
export function imageMentionsIn(text: string, kind: 'dockerfile' | 'yaml'): ImageMention[] {
  return kind === 'dockerfile' ? dockerfileImageMentions(text) : yamlImageMentions(text);
}

/** The stage whose `FROM` names the image a stage is built on (`FROM builder` follows `builder`). */
function rootOf(stage: Stage): Stage {
  let current = stage;
  const seen = new Set<Stage>();
  while (current.base.stage && !seen.has(current)) {
    seen.add(current);
    current = current.base.stage;
  }
  return current;
}

/** Where a scan belongs: the mentions of its image, or of its repo digest when a `FROM` pins one. */
export function mentionsOfScan(scan: Pick<ImageScan, 'image' | 'digest'>, mentions: readonly ImageMention[]): ImageMention[] {
  return mentions.filter((m) => (scan.image !== '' && sameImage(scan.image, m.image)) || (scan.digest !== null && parseReference(m.image)?.digest === scan.digest));
}

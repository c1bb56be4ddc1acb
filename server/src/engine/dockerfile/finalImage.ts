import { Copy, Run, type Instruction } from 'dockerfile-ast';
import { earlierStage, fromFlagOf } from './copyFrom';
import { expandArgs, finalStage, parseImageReference, type BaseImage, type DockerfileModel, type ImageReference, type Stage } from '../../parse/dockerfileModel';
import { lookUpImage, type ImageFacts } from '../catalogue/lookup';

/**
 * Which parts of a multi-stage build end up in the image: the final stage and the stages it is
 * built `FROM` (its chain) run in it; stages it copies from (`COPY --from`, `RUN
 * --mount=from=`) put files in it. Stages nothing reaches are not judged by rules about the
 * final image.
 */

/** The final stage's chain, root first: `FROM node AS base` … `FROM base`. */
export function finalChain(model: DockerfileModel): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | null = finalStage(model) ?? null; s; s = s.base.stage) chain.unshift(s);
  return chain;
}

/** The stage of a chain whose FROM names an image (the chain's root). */
export function chainRoot(stage: Stage): Stage {
  let current = stage;
  while (current.base.stage) current = current.base.stage;
  return current;
}

/** A reference to another stage or an image from `--from=` (a stage name, an index, or an image). */
function fromTarget(model: DockerfileModel, value: string, before: Stage): { stage: Stage } | { image: ImageReference } | null {
  const expanded = expandArgs(value, model.globalArgs);
  if (expanded === null) return null;
  const stage = earlierStage(model, before, expanded, true);
  if (stage) return { stage };
  const image = parseImageReference(expanded);
  return image ? { image } : null;
}

/** `--from` of COPY, and `from=` of each `RUN --mount`. */
function fromValues(instruction: Instruction): string[] {
  if (instruction instanceof Copy) {
    const value = fromFlagOf(instruction)?.getValue();
    return value ? [value] : [];
  }
  if (instruction instanceof Run) {
    const out: string[] = [];
    for (const flag of instruction.getFlags()) {
      if (flag.getName().toLowerCase() !== 'mount') continue;
      const m = /(?:^|,)from=([^,]+)/.exec(flag.getValue() ?? '');
      if (m?.[1]) out.push(m[1]);
    }
    return out;
  }
  return [];
}

export interface FinalImageParts {
  /** Stages whose instructions or files reach the final image. */
  stages: Set<Stage>;
  /** Images copied from directly (`COPY --from=node:16 …`), with the instruction. */
  images: { reference: ImageReference; instruction: Instruction }[];
}

/** Every stage (and directly copied image) that contributes to the final image. */
export function finalImageParts(model: DockerfileModel): FinalImageParts {
  const stages = new Set<Stage>();
  const images: FinalImageParts['images'] = [];
  const visit = (stage: Stage): void => {
    for (let s: Stage | null = stage; s && !stages.has(s); s = s.base.stage) {
      stages.add(s);
      for (const instruction of s.instructions) {
        for (const value of fromValues(instruction)) {
          const target = fromTarget(model, value, s);
          if (!target) continue;
          if ('stage' in target) visit(target.stage);
          else images.push({ reference: target.image, instruction });
        }
      }
    }
  };
  const last = finalStage(model);
  if (last) visit(last);
  return { stages, images };
}

/**
 * The catalogue's facts for a FROM's image, or null: not an image (a stage, scratch, an unknown
 * ARG), not in the catalogue, or built for Windows (`--platform=windows/…`).
 */
export function baseImageFacts(base: BaseImage): ImageFacts | null {
  if (!base.reference || base.platform?.toLowerCase().startsWith('windows')) return null;
  return lookUpImage(base.reference);
}

/** The instructions of a chain of stages, in order. */
export function chainInstructions(chain: readonly Stage[]): Instruction[] {
  return chain.flatMap((s) => s.instructions);
}

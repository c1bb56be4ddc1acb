import { parseDockerfileModel } from '../parse/dockerfileModel';
import { LineIndex } from '../parse/lineIndex';
import { alternativesFor } from './catalogue/lookup';
import { swapSuggestions } from './dockerfile/baseImageSwap';
import { baseImageFacts, finalChain } from './dockerfile/finalImage';
import { rangeContains, type Suggestion } from './types';

/**
 * The moves to a smaller image for the `FROM` under `position`, for the editor to offer beside a
 * scan's result on that line: every catalogue alternative with less in it (no full OS where the
 * image is full-size, no shell where it has one), with the edits that keep the Dockerfile
 * building, or the reason one cannot apply. Only the image the final stage runs on is offered
 * moves: a builder stage's vulnerabilities do not ship, and its compiler is why it is there.
 * An image on a compiler gets only the moves that split the build off (as `full-size-base-image`).
 */
export function minimalImageSwapsAt(text: string, position: { line: number; character: number }, today: string): Suggestion[] {
  const dockerfile = parseDockerfileModel(text);
  const chain = finalChain(dockerfile);
  const root = chain[0];
  if (!root || !rangeContains(root.base.range, position)) return [];
  const facts = baseImageFacts(root.base);
  if (!facts) return [];
  const current = facts.facts;
  const splitOnly = current.toolchain && facts.family.alternatives.some((a) => a.split);
  const smaller = alternativesFor(
    facts,
    today,
    (a) => ((current.fullSize && !a.facts.fullSize) || (current.shell && !a.facts.shell)) && (!splitOnly || a.split === true),
    root.base.platform,
  );
  return swapSuggestions({ lines: new LineIndex(text), dockerfile }, chain, facts, smaller);
}

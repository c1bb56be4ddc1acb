import type { Copy, Flag } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from '../../parse/dockerfileModel';

/**
 * The `--from` flag of a COPY wherever it sits among the flags. `dockerfile-ast`'s own
 * `getFromFlag()` returns it only when it is the COPY's only flag, so `COPY --from=build
 * --chown=1000 …`, the usual way to copy a build's output, would read as a plain COPY.
 */
export function fromFlagOf(copy: Copy): Flag | null {
  return copy.getFlags().find((flag) => flag.getName().toLowerCase() === 'from') ?? null;
}

/**
 * The stage before `stage` that `value` names, as BuildKit looks it up: by name in any case, and,
 * for `--from` (not FROM), by index. Undefined when no earlier stage matches.
 */
export function earlierStage(model: DockerfileModel, stage: Stage, value: string, byIndex: boolean): Stage | undefined {
  const earlier = model.stages.slice(0, stage.index);
  if (byIndex && /^\d+$/.test(value)) return earlier[Number(value)];
  const lower = value.toLowerCase();
  return earlier.find((s) => s.name === lower);
}

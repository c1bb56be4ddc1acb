import type { Copy, Flag } from 'dockerfile-ast';

/**
 * The `--from` flag of a COPY wherever it sits among the flags. `dockerfile-ast`'s own
 * `getFromFlag()` returns it only when it is the COPY's only flag, so `COPY --from=build
 * --chown=1000 …`, the usual way to copy a build's output, would read as a plain COPY.
 */
export function fromFlagOf(copy: Copy): Flag | null {
  return copy.getFlags().find((flag) => flag.getName().toLowerCase() === 'from') ?? null;
}

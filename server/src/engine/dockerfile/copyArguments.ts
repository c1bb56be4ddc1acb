import type { Copy } from 'dockerfile-ast';
import { jsonArgumentsOf, type JsonArgument } from '../../parse/shell/jsonArguments';

/**
 * The words of a COPY (sources, then the destination) as the builder reads them, in shell or
 * JSON form: `COPY ["a b", "/x"]` has the source `a b`, `COPY "a.tar" /x` the source `a.tar`.
 * Flags are not among them. Empty for a COPY with a heredoc.
 */
export function copyArguments(copy: Copy): JsonArgument[] {
  if (copy.getHeredocs().length > 0) return [];
  const json = jsonArgumentsOf(copy);
  if (json.length > 0) return json;
  return copy.getArguments().map((a) => ({ value: a.getValue().replace(/^(["'])(.*)\1$/, '$2'), range: a.getRange() }));
}

import { loadShellParser } from '../../server/src/engine';
import { readShellParserWasm } from '../../server/src/shellParserWasm';

/** What the CLI and the server do before their first lint: load the shell parser that reads RUN. */
export function shellParserReady(): Promise<void> {
  return loadShellParser(readShellParserWasm);
}

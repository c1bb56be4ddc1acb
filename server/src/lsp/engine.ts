import type * as Engine from '../engine';
import { readShellParserWasm } from '../shellParserWasm';

/**
 * The rule engine, loaded on first use. The language server answers `initialize` before it
 * needs a rule, and compiling the engine with its parsers (`dockerfile-ast`, `yaml`) is most of
 * what a start costs, so the bundle keeps them in `dist/engine.js` and loads it when the first
 * document arrives. In `out/` (tests of the sources) this is a plain require of the module.
 *
 * Only values go through here; types are imported from `../engine` as usual, and the small
 * dependency-free helpers from `../engine/types` and `../parse/lineIndex` are imported directly.
 */
let loaded: typeof Engine | undefined;

export function engine(): typeof Engine {
  // The bundler maps exactly this specifier to `./engine.js` next to `dist/server.js`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('../engine') as typeof Engine;
  return loaded;
}

let ready: Promise<void> | undefined;

/**
 * Resolves once the engine is loaded and its shell parser (two wasm files beside the bundle)
 * is ready; a Dockerfile is linted only after that. A parser that cannot load is reported
 * through `log` once, and the rules that read RUN then report that they could not check it.
 */
export function engineReady(log: (message: string) => void): Promise<void> {
  ready ??= engine()
    .loadShellParser(readShellParserWasm)
    .catch((e: unknown) => log(`the shell parser could not be loaded, RUN instructions are not checked: ${(e as Error)?.message ?? String(e)}`));
  return ready;
}

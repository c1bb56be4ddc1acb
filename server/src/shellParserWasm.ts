import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import type { ShellParserWasm } from './parse/shell/bashParser';

/** The wasm files the shell parser needs, as the bundle ships them (next to `dist/*.js`). */
export const SHELL_PARSER_WASM_FILES = { runtime: 'web-tree-sitter.wasm', bash: 'tree-sitter-bash.wasm' } as const;

/**
 * Reads the shell parser's wasm files for `loadShellParser`: from beside the running bundle
 * (`dist/`, also inside the installed VSIX), else from the packages (tests run the unbundled
 * sources in `out/`). The engine itself never touches the file system.
 */
export function readShellParserWasm(): ShellParserWasm {
  preferBaselineWasmCompiler();
  return { runtime: readWasm(SHELL_PARSER_WASM_FILES.runtime, 'web-tree-sitter/web-tree-sitter.wasm'), bash: readWasm(SHELL_PARSER_WASM_FILES.bash, 'tree-sitter-bash/tree-sitter-bash.wasm') };
}

function readWasm(bundled: string, packaged: string): Uint8Array {
  const beside = path.join(__dirname, bundled);
  const file = fs.existsSync(beside) ? beside : require.resolve(packaged);
  return new Uint8Array(fs.readFileSync(file));
}

/**
 * The bash grammar is 1.4 MB of wasm, mostly parse tables in huge functions. V8 compiles it with
 * its baseline compiler (Liftoff) and then again with its optimiser (TurboFan) in the
 * background: measured here, the second pass cost 1.2-1.5 s of CPU (a one-file `seaworthy
 * check` went from 0.4 to 1.7 s of CPU, and exited seconds later) for parses only about 1.3x
 * faster afterwards (150-175 vs 210-235 us a RUN). A RUN is parsed once per text, so the
 * baseline code is kept. Affects only WebAssembly, which nothing else in the process uses.
 * The language server sets it at start (server.ts): V8 stamps its code cache with the flags in
 * force, and a flag set halfway would make it reject every cache the server wrote.
 */
export function preferBaselineWasmCompiler(): void {
  v8.setFlagsFromString('--liftoff-only');
}

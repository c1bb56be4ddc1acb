import * as fs from 'fs';
import * as path from 'path';
import type { ShellParserWasm } from './parse/shell/bashParser';

/** The wasm files the shell parser needs, as the bundle ships them (next to `dist/*.js`). */
export const SHELL_PARSER_WASM_FILES = { runtime: 'web-tree-sitter.wasm', bash: 'tree-sitter-bash.wasm' } as const;

/**
 * Reads the shell parser's wasm files for `loadShellParser`: from beside the running bundle
 * (`dist/`, also inside the installed VSIX), else from the packages (tests run the unbundled
 * sources in `out/`). The engine itself never touches the file system.
 */
export function readShellParserWasm(): ShellParserWasm {
  return { runtime: readWasm(SHELL_PARSER_WASM_FILES.runtime, 'web-tree-sitter/web-tree-sitter.wasm'), bash: readWasm(SHELL_PARSER_WASM_FILES.bash, 'tree-sitter-bash/tree-sitter-bash.wasm') };
}

function readWasm(bundled: string, packaged: string): Uint8Array {
  const beside = path.join(__dirname, bundled);
  const file = fs.existsSync(beside) ? beside : require.resolve(packaged);
  return new Uint8Array(fs.readFileSync(file));
}

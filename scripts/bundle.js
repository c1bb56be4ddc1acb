// Bundles the three entry points with esbuild. `tsc -b` type-checks; this only emits dist/.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
  // web-tree-sitter's ESM build finds itself through `import.meta.url`, which a CommonJS bundle
  // does not have; its CommonJS build is the one for Node.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter', { paths: [root] }) },
};

/**
 * The language server loads the engine on first use (server/src/lsp/engine.ts): its one
 * `require('../engine')` becomes `require('./engine.js')`, a bundle of its own, so a start does
 * not compile the rules and parsers. The check below fails the build if an import of the engine
 * slipped past the accessor and pulled the parsers into dist/serverMain.js anyway.
 */
const lazyEngine = {
  name: 'lazy-engine',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/engine$/ }, (args) =>
      path.basename(args.importer) === 'engine.ts' && path.basename(path.dirname(args.importer)) === 'lsp' ? { path: './engine.js', external: true } : undefined,
    );
    // The same for the scan module that finds images in documents (it needs the parsers too).
    build.onResolve({ filter: /^\.\.\/scan\/imageMentions$/ }, (args) =>
      path.basename(args.importer) === 'imageMentionsModule.ts' ? { path: './imageMentions.js', external: true } : undefined,
    );
    // And for the scanners, which only a scan, a digest pin or a scan report needs.
    build.onResolve({ filter: /^\.\/scanParts$/ }, (args) => (path.basename(args.importer) === 'scanModule.ts' ? { path: './scan.js', external: true } : undefined));
    build.onEnd((result) => {
      // What made it into the output (an input whose every part was tree-shaken away weighs nothing).
      const inputs = Object.values(result.metafile?.outputs ?? {}).flatMap((output) => Object.entries(output.inputs).filter(([, used]) => used.bytesInOutput > 0).map(([input]) => input));
      const parsers = inputs.filter((input) => /node_modules\/(yaml|dockerfile-ast|web-tree-sitter)\//.test(input));
      if (parsers.length > 0) throw new Error(`dist/serverMain.js must not bundle the parsers (load them through lsp/engine.ts): ${parsers.slice(0, 3).join(', ')}`);
      const scanners = inputs.filter((input) => /node_modules\/(yauzl|tar-stream|fzstd|semver)\/|server\/src\/scan\/(builtin\/builtinScan|backends\/index|scanner)\.ts$/.test(input));
      if (scanners.length > 0) throw new Error(`dist/serverMain.js must not bundle the scanners (load them through lsp/scanModule.ts): ${scanners.slice(0, 3).join(', ')}`);
      // Each module importing the CommonJS vscode-languageserver gets its own copy of its exports at start.
      const direct = Object.entries(result.metafile?.inputs ?? {}).filter(
        ([input, { imports }]) => input.startsWith('server/src/') && !input.endsWith('lsp/languageServer.ts') && imports.some((i) => /node_modules\/vscode-languageserver\//.test(i.path)),
      );
      if (direct.length > 0) throw new Error(`import vscode-languageserver through server/src/lsp/languageServer.ts, not directly: ${direct.map(([input]) => input).join(', ')}`);
    });
  },
};

/**
 * The CVSS 4.0 calculator (server/src/scan/builtin/osv/cvss.ts, required on first use) is its
 * own bundle, `dist/cvss.js`: inlined, its 180 KB were compiled at every start of the CLI and of
 * the scan bundle, though only OSV records with a CVSS 4 vector and no severity word need it.
 */
const lazyCvss = {
  name: 'lazy-cvss',
  setup(build) {
    build.onResolve({ filter: /^ae-cvss-calculator$/ }, (args) => (args.importer.endsWith(path.join('osv', 'cvss.ts')) ? { path: './cvss.js', external: true } : undefined));
  },
};

/**
 * `child_process` and `crypto` are loaded by the language server when first used, not at every
 * start: only a scan, a digest or checksum pin and its git look-up need them, yet
 * `vscode-languageserver` (its `Files` helpers) and `vscode-jsonrpc` (pipe names) require them as
 * they load, and compiling the two (with `internal/child_process`) was about a seventh of a start
 * in CPU profiles. Each becomes a module of getters, one per export of the real module (names read
 * from this Node), that requires the real module on the first read and hands out its own values,
 * so nothing changes for the code using them, CommonJS or ES module.
 */
const LAZY_BUILTINS = ['child_process', 'crypto'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
    // The stand-in's own require of the module is left to Node (a built-in is external).
    build.onResolve({ filter }, (args) => (args.namespace === 'lazy-builtin' ? undefined : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const names = Object.keys(require(args.path)).filter((name) => name !== '__esModule');
      return {
        loader: 'js',
        contents: [
          'let loaded;',
          `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
          `for (const name of ${JSON.stringify(names)}) Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });`,
        ].join('\n'),
      };
    });
  },
};

/**
 * `dist/server.js` is only the bootstrap that turns on the code cache (server/src/codeCache.ts);
 * the server is `dist/serverMain.js`, which it loads through that cache.
 */
const serverMain = {
  name: 'server-main',
  setup(build) {
    build.onResolve({ filter: /^\.\/serverMain$/ }, () => ({ path: './serverMain.js', external: true }));
  },
};

/**
 * The shell parser's two wasm files ship beside the bundles (and so inside the VSIX); the CLI and
 * the server read them from there (server/src/shellParserWasm.ts) and hand them to the engine.
 */
function copyShellParserWasm() {
  const files = { 'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash.wasm': 'tree-sitter-bash/tree-sitter-bash.wasm' };
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  for (const [name, packaged] of Object.entries(files)) fs.copyFileSync(require.resolve(packaged, { paths: [root] }), path.join(root, 'dist', name));
}

copyShellParserWasm();
Promise.all([
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [serverMain] }),
  esbuild.build({ ...common, entryPoints: ['server/src/serverMain.ts'], outfile: 'dist/serverMain.js', metafile: true, plugins: [lazyEngine, lazyBuiltins] }),
  esbuild.build({ ...common, entryPoints: ['server/src/engine/index.ts'], outfile: 'dist/engine.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/scan/imageMentions.ts'], outfile: 'dist/imageMentions.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/scanParts.ts'], outfile: 'dist/scan.js', plugins: [lazyCvss] }),
  esbuild.build({ ...common, entryPoints: [require.resolve('ae-cvss-calculator', { paths: [root] })], outfile: 'dist/cvss.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyCvss] }),
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
]).catch((error) => {
  console.error(error.message);
  process.exit(1);
});

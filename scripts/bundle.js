// Bundles the three entry points with esbuild. `tsc -b` type-checks; this only emits dist/.
const esbuild = require('esbuild');
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
};

/**
 * The language server loads the engine on first use (server/src/lsp/engine.ts): its one
 * `require('../engine')` becomes `require('./engine.js')`, a bundle of its own, so a start does
 * not compile the rules and parsers. The check below fails the build if an import of the engine
 * slipped past the accessor and pulled the parsers into dist/server.js anyway.
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
    build.onEnd((result) => {
      const parsers = Object.keys(result.metafile?.inputs ?? {}).filter((input) => /node_modules\/(yaml|dockerfile-ast)\//.test(input));
      if (parsers.length > 0) throw new Error(`dist/server.js must not bundle the parsers (load them through lsp/engine.ts): ${parsers.slice(0, 3).join(', ')}`);
    });
  },
};

Promise.all([
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', metafile: true, plugins: [lazyEngine] }),
  esbuild.build({ ...common, entryPoints: ['server/src/engine/index.ts'], outfile: 'dist/engine.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/scan/imageMentions.ts'], outfile: 'dist/imageMentions.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
]).catch(() => process.exit(1));

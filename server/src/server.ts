/**
 * The Seaworthy language server: `node dist/server.js --stdio` (or IPC, socket or pipe, as the
 * client starts it). This file only turns on the code cache (`codeCache.ts`) for the bundles
 * beside it, then loads the server itself, `serverMain` (in the bundle, `./serverMain.js`).
 */
import * as path from 'path';
import { useCodeCache } from './codeCache';
import { preferBaselineWasmCompiler } from './shellParserWasm';

// Before anything is compiled: the engine sets this V8 flag when it loads the shell parser, and
// the code cache is only accepted under the flags it was written with.
preferBaselineWasmCompiler();
useCodeCache(
  process.env.SEAWORTHY_CODE_CACHE,
  ['serverMain.js', 'engine.js', 'imageMentions.js', 'scan.js'].map((bundle) => path.join(__dirname, bundle)),
);
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./serverMain');

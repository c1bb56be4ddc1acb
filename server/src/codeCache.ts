import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import * as vm from 'vm';

/**
 * V8's code cache for the server's bundles. Compiling a bundle is most of what loading it
 * costs (the server's own at every start, the engine's at the first document), and Node 20 has
 * no compile cache of its own (`module.enableCompileCache` came with Node 22). So the server
 * keeps one: each bundle named here is compiled with the bytecode V8 saved for it the time
 * before, and a bundle compiled without (first run, new version, V8 rejected it) has its
 * bytecode written a moment after it ran, so the functions it used by then are in it.
 *
 * The cache lives in a folder of the user's (the extension's global storage, passed as
 * `SEAWORTHY_CODE_CACHE`); without one nothing is cached. A file's name keys on the bundle's
 * path, size and modification time and on the V8 version and architecture, so a new version of
 * the extension or of VS Code never reads an old cache; V8 checks the rest and rejects what does
 * not fit, and then the bundle is compiled as usual.
 */

/** What happened to each bundle's cache in this process (read by the dev-only stats request). */
export type CodeCacheState = Record<string, 'used' | 'rejected' | 'missing' | 'written' | 'unwritable'>;

/** How long after a bundle ran its cache is written. */
const WRITE_DELAY_MS = 1000;

const STATE = Symbol.for('seaworthy.codeCache');

/** The states, shared through the global object: the session runs in another bundle than the bootstrap. */
export function codeCacheState(): CodeCacheState | null {
  return ((globalThis as Record<symbol, unknown>)[STATE] as CodeCacheState | undefined) ?? null;
}

type Compile = (this: Module, content: string, filename: string) => unknown;

/** Loads `bundles` (absolute paths) through the cache in `dir` from now on; nothing when `dir` is unset. */
export function useCodeCache(dir: string | undefined, bundles: readonly string[]): void {
  if (!dir || !path.isAbsolute(dir)) return;
  const state: CodeCacheState = {};
  (globalThis as Record<symbol, unknown>)[STATE] = state;
  const cached = new Set(bundles);
  const proto = Module.prototype as unknown as { _compile: Compile };
  const compile = proto._compile;
  proto._compile = function (content: string, filename: string): unknown {
    if (!cached.has(filename)) return compile.call(this, content, filename);
    return runCached(this, content, filename, dir, state);
  };
}

function runCached(module: Module, content: string, filename: string, dir: string, state: CodeCacheState): unknown {
  const name = path.basename(filename);
  const file = cacheFile(dir, filename);
  const cachedData = file ? readCache(file) : undefined;
  const script = new vm.Script(Module.wrap(content), {
    filename,
    ...(cachedData ? { cachedData } : {}),
    // The bundles do not import() on the paths the server takes; where they could, Node's loader answers.
    importModuleDynamically: ((vm as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ??
      ((specifier: string) => import(specifier))) as unknown as vm.ScriptOptions['importModuleDynamically'],
  });
  state[name] = !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  if (file && state[name] !== 'used') setTimeout(() => (state[name] = writeCache(dir, file, name, script)), WRITE_DELAY_MS).unref();
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => unknown;
  return wrapper.call(module.exports, module.exports, Module.createRequire(filename), module, filename, path.dirname(filename));
}

/** `<bundle>.<key>.v8cache`, or null when the bundle cannot be stat'ed. */
function cacheFile(dir: string, filename: string): string | null {
  try {
    const stat = fs.statSync(filename);
    const key = fnv1a(`${filename}\0${stat.size}\0${stat.mtimeMs}\0${process.versions.v8}\0${process.arch}`);
    return path.join(dir, `${path.basename(filename)}.${key}.v8cache`);
  } catch {
    return null;
  }
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the bundle's cache (whole or not at all) and removes its older ones. */
function writeCache(dir: string, file: string, name: string, script: vm.Script): 'written' | 'unwritable' {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    const data = script.createCachedData();
    fs.writeFileSync(partial, new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { mode: 0o600 });
    fs.renameSync(partial, file);
    for (const other of fs.readdirSync(dir)) {
      if (other.startsWith(`${name}.`) && other.endsWith('.v8cache') && path.join(dir, other) !== file) fs.rmSync(path.join(dir, other), { force: true });
    }
    return 'written';
  } catch {
    return 'unwritable';
  }
}

/** A 32-bit FNV-1a hash, in hex: a file name's key, not a checksum (V8 checks what it reads). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

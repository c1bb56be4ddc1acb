/**
 * Preloaded into a server under test (`node --require out/test/support/builtinLoadProbe.js
 * dist/server.js --stdio`): when the process exits it writes to stderr which of Node's own
 * modules it loaded, as `BUILTINS_LOADED ["fs",…]` (from `process.moduleLoadList`).
 */
process.on('exit', () => {
  const list = (process as unknown as { moduleLoadList?: string[] }).moduleLoadList ?? [];
  const loaded = list.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
  process.stderr.write(`BUILTINS_LOADED ${JSON.stringify(loaded)}\n`);
});

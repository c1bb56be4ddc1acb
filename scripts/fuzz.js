// `npm run fuzz -- [--seed N] [--n N] [--kind K] [--no-save]`: compiles the engine and the fuzzer
// (tsc -b), then runs it. See test/fuzz/cli.ts and CONTRIBUTING.md.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status || 1);
const run = spawnSync(process.execPath, [path.join(root, 'out', 'test', 'fuzz', 'cli.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);

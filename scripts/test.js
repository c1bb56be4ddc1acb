// `npm test`: install what is needed, build, then run every test stage and fail if any fails.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Compiled `*.test.js` files (explicit, so helpers and benchmarks under out/test are never run as tests). */
function testFiles(dir) {
  const fs = require('fs');
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.test.js') && !f.split(path.sep).includes('e2e'))
    .map((f) => path.join(dir, f))
    .sort();
}

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

run('dependencies', process.execPath, [path.join(__dirname, 'ensure-deps.js')]);
run('build (tsc -b + esbuild)', npm, ['run', '--silent', 'build']);
run('unit, fixture, CLI and LSP tests', process.execPath, ['--test', '--test-reporter=spec', ...testFiles(path.join(root, 'out', 'test'))]);
run('end-to-end in VS Code (code-server)', process.execPath, [path.join(__dirname, 'e2e-run.js')]);

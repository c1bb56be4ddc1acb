// `npm run demo`: installs what is needed, builds, then checks the insecure samples in examples/
// with the real CLI. Findings are the point of the demo, so exit code 1 (findings) counts as
// success; anything else (a usage or input error, a crash, a failed build) fails the demo.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(title, command, args, okCodes = [0]) {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' && command === npm });
  if (result.error) {
    console.error(`${title} could not start: ${result.error.message}`);
    process.exit(2);
  }
  if (!okCodes.includes(result.status)) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 2);
  }
  return result.status;
}

run('dependencies', process.execPath, [path.join(__dirname, 'ensure-deps.js')]);
run('build', npm, ['run', '--silent', 'build']);
const status = run('seaworthy check examples', process.execPath, [path.join(root, 'dist', 'cli.js'), 'check', 'examples'], [0, 1]);
console.log(
  status === 1
    ? '\nThe samples are insecure on purpose: the findings above are what the demo shows. Try `node dist/cli.js check examples --fix` on a copy.'
    : '\nNo findings at or above the threshold.',
);

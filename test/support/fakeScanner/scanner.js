// A stand-in for trivy, grype or docker in tests: it only plays the process. What it prints on
// stdout is a real recorded report (test/fixtures/scanners), chosen by the image it is given.
// Its behaviour comes from the FAKE_SCANNER environment variable, a JSON object per program name:
//   {"trivy": {"mode": "replay", "reports": {"alpine:3.10": "/abs/report.json"}, "log": "/abs/log"}}
// modes: replay | fail (code, stderr) | garbage (stdout) | hang (child: also start a grandchild;
// ignoreTerm: survive SIGTERM). Every run appends {argv, pid} to `log`; a hanging one also logs
// its grandchild's pid and writes "started" on stderr once it is ready to be cancelled.
'use strict';
const fs = require('fs');
const { spawn } = require('child_process');

const name = process.env.FAKE_SCANNER_NAME;
const spec = (JSON.parse(process.env.FAKE_SCANNER || '{}') || {})[name] || { mode: 'fail', code: 3, stderr: `no FAKE_SCANNER entry for ${name}\n` };
const argv = process.argv.slice(2);
const log = (entry) => spec.log && fs.appendFileSync(spec.log, `${JSON.stringify(entry)}\n`);
log({ argv, pid: process.pid });

switch (spec.mode) {
  case 'replay': {
    const image = argv[argv.length - 1];
    const report = (spec.reports || {})[image];
    if (!report) {
      process.stderr.write(`${new Date().toISOString()} FATAL: ${image}: manifest unknown\n`);
      process.exit(1);
    }
    if (spec.stderr) process.stderr.write(spec.stderr);
    process.stdout.write(fs.readFileSync(report));
    break;
  }
  case 'fail':
    process.stderr.write(spec.stderr || '');
    process.exit(spec.code);
    break;
  case 'garbage':
    process.stdout.write(spec.stdout === undefined ? 'Scanning image...\n<html>rate limited</html>\n' : spec.stdout);
    break;
  case 'hang': {
    if (spec.ignoreTerm) process.on('SIGTERM', () => undefined);
    if (spec.child) {
      // Inherits stdout and stderr: the scan only ends when the grandchild is gone too.
      const child = spawn(process.execPath, ['-e', `process.on('SIGTERM', () => ${spec.ignoreTerm ? 'undefined' : 'process.exit(0)'}); setInterval(() => {}, 1e6)`], { stdio: 'inherit' });
      log({ grandchild: child.pid });
    }
    process.stderr.write('started\n');
    setInterval(() => undefined, 1e6);
    break;
  }
  default:
    process.stderr.write(`unknown fake mode ${spec.mode}\n`);
    process.exit(3);
}

// Runs a list of mocha test files inside the extension host (VS Code's `extensionTestsPath`
// contract: the module exports `run(): Promise<void>` and a rejection means failure). Used by the
// code-server harness (scripts/e2e-run.js, through the smoke-test-driver payload) and by
// @vscode/test-electron (npm run test:electron). Each test's outcome is logged as one line
// `seaworthy-e2e-result {json}` (code-server forwards the extension host's console to the page's
// codeAutomationLog) and, when SEAWORTHY_E2E_RESULTS names a file, appended to it, so the
// harnesses can count them.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

/** Marks the log line that carries one test's outcome. */
export const RESULT_PREFIX = 'seaworthy-e2e-result';

export function runMochaFiles(files: string[]): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  const resultsFile = process.env.SEAWORTHY_E2E_RESULTS;
  const record = (outcome: TestOutcome): void => {
    console.log(`${RESULT_PREFIX} ${JSON.stringify(outcome)}`);
    if (resultsFile) fs.appendFileSync(resultsFile, `${JSON.stringify(outcome)}\n`);
  };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test) => record({ title: test.fullTitle(), state: 'passed' }));
      runner.on('fail', (test, error: Error) =>
        record({ title: test.fullTitle(), state: 'failed', error: error?.stack ?? String(error) }),
      );
    } catch (error) {
      reject(error);
    }
  });
}

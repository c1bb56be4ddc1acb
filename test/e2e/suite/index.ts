// Extension-host entry point of the main session: activation by a Dockerfile first, then the rest.
import { runMochaFiles } from './mochaEntry';

export function run(): Promise<void> {
  return runMochaFiles([
    'activation-dockerfile.test.js',
    'diagnostics.test.js',
    'code-actions.test.js',
    'settings.test.js',
    'commands.test.js',
    'scan.test.js',
  ]);
}

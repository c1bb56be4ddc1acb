// Extension-host entry point of the third session: the language server is killed until the client
// gives up on it, so this runs in a window of its own.
import { runMochaFiles } from './mochaEntry';

export function run(): Promise<void> {
  return runMochaFiles(['server-restart.test.js']);
}

// Extension-host entry point of the second session: a Kubernetes manifest is the first document
// opened, so this window proves that a manifest alone activates the extension.
import { runMochaFiles } from './mochaEntry';

export function run(): Promise<void> {
  return runMochaFiles(['activation-manifest.test.js']);
}

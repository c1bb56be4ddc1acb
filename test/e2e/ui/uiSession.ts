// What the harness (scripts/e2e-run.js) hands the UI tests: a way to open pages in the browser it
// launched, the running code-server, the workspace copy and where screenshots go.
import type { Page } from 'playwright-core';

export interface UiSession {
  newPage(): Promise<Page>;
  /** The workbench URL that opens `folder`. */
  workbenchUrl(folder: string): string;
  /** A temporary copy of examples/ (tests edit files in the editor; the repo stays untouched). */
  examplesDir: string;
  /** The installed extension's folder (its dist/cli.js is the oracle). */
  extensionDir: string;
  screenshotDir: string;
}

let current: UiSession | undefined;

export function setUiSession(session: UiSession): void {
  current = session;
}

export function uiSession(): UiSession {
  if (!current) throw new Error('the UI tests run from scripts/e2e-run.js, which starts code-server and the browser');
  return current;
}

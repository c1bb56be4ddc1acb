// What the harness (scripts/e2e-run.js) hands the UI tests: a way to open pages in the browser it
// launched, the running code-server, the workspace copy and where screenshots go.
import type { Page } from 'playwright-core';

/** A code-server of a suite's own (see `UiSession.startCodeServer`). */
export interface OwnCodeServer {
  /** The workbench URL that opens `folder` in this code-server. */
  workbenchUrl(folder: string): string;
  /** Its user data folder: the extension's global storage is `User/globalStorage/<id>` below it. */
  userDataDir: string;
  /** Stops it and every process it started (extension host, language server). */
  stop(): Promise<void>;
}

export interface UiSession {
  newPage(): Promise<Page>;
  /** The workbench URL that opens `folder`. */
  workbenchUrl(folder: string): string;
  /**
   * Starts another code-server with the same extension and `env` added to its environment, which
   * its extension host and language server inherit (the shared one keeps its own: other suites
   * are unaffected). The harness stops it at the end if the suite did not.
   */
  startCodeServer(env: Record<string, string>): Promise<OwnCodeServer>;
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

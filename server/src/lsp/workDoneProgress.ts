import type { ClientCapabilities, Connection, WorkDoneProgressParams } from './languageServer';

/**
 * Progress for a long request: on the client's token when it sent one, else the server's own
 * (which the user can cancel) when the client supports it, else none.
 */
export async function workDoneProgressFor(connection: Connection, capabilities: ClientCapabilities, params: WorkDoneProgressParams) {
  const window = connection.window;
  if (params.workDoneToken !== undefined) return { reporter: window.attachWorkDoneProgress(params.workDoneToken), token: undefined };
  if (!capabilities.window?.workDoneProgress) return null;
  const reporter = await window.createWorkDoneProgress();
  return { reporter, token: reporter.token };
}

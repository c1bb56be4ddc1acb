/**
 * The Seaworthy language server, as `dist/server.js` loads it (`server.ts`): a connection over
 * the transport the client chose (stdio, IPC, socket or pipe; `createConnection` reads it from
 * the command line) and a session on it.
 */
import { ProposedFeatures, createConnection } from './lsp/languageServer';
import { startSession } from './lsp/session';
import { oneWritePerMessage } from './lsp/stdioFrames';

if (process.argv.includes('--stdio')) oneWritePerMessage(process.stdout);
startSession(createConnection(ProposedFeatures.all));

/**
 * The Seaworthy language server: `node dist/server.js --stdio` (or IPC, socket or pipe, as the
 * client starts it; `createConnection` reads the transport from the command line).
 */
import { ProposedFeatures, createConnection } from './lsp/languageServer';
import { startSession } from './lsp/session';

startSession(createConnection(ProposedFeatures.all));

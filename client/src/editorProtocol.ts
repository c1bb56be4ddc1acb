import { RequestType, type WorkDoneProgressParams } from 'vscode-languageclient/node';
import type { CheckWorkspaceResult, DocumentStatus } from '../../server/src/lsp/protocol';

/**
 * The client's side of the editor requests the server declares in `server/src/lsp/protocol.ts`
 * (restated here, as for the scan requests: the server's file imports the server's LSP library).
 */
export type { CheckWorkspaceResult, DocumentStatus } from '../../server/src/lsp/protocol';

export const DocumentStatusRequest = new RequestType<{ uri: string }, DocumentStatus | null, void>('seaworthy/documentStatus');
export const CheckWorkspaceRequest = new RequestType<WorkDoneProgressParams, CheckWorkspaceResult, void>('seaworthy/checkWorkspace');

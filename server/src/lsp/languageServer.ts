/**
 * What the server takes from `vscode-languageserver/node`, imported here once: its modules import
 * from this file, not from the package. The package is CommonJS; a bundled ES module importing a
 * value from it gets its own copy of the package's 321 exports as getters (esbuild's `__toESM`),
 * so fifteen importing files made fifteen copies at every start (about 20 ms on this project's
 * machine). Here it is made once. Types cost nothing at run time and pass through as they are.
 */
export type * from 'vscode-languageserver/node';
export {
  CancellationTokenSource,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  MarkupKind,
  ProposedFeatures,
  RequestType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';

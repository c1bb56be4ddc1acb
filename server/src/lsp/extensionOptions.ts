import type { InitializationOptions } from './protocol';

/**
 * What the VS Code extension sends in `initializationOptions` (client/src/serverClient.ts). The
 * benchmark starts the server with the same, so its "default settings" figures are the ones users
 * have. `settingsPerFolder` holds because no `seaworthy.*` setting is language-overridable: VS
 * Code resolves each from the user, workspace and folder settings alone (a test keeps it so).
 */
export const EXTENSION_INITIALIZATION_OPTIONS: InitializationOptions = { settingsPerFolder: true };

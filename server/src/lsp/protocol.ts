import { RequestType } from 'vscode-languageserver/node';
import type { Fix } from '../engine';

/**
 * Everything Seaworthy adds on top of plain LSP, declared once: the initialization options the
 * client may send, the settings section it answers `workspace/configuration` for, the shape of
 * `Diagnostic.data`, and each custom request with who sends it.
 */

/** `initialize.params.initializationOptions`, all optional. */
export interface InitializationOptions {
  /**
   * Milliseconds to wait after an edit before checking the document. 0 checks after every
   * change (tests and the benchmark use it); the default suits typing.
   */
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 20;

/** The section the server asks for with `workspace/configuration`, per document. */
export const SETTINGS_SECTION = 'seaworthy';

/** `Diagnostic.data` on every Seaworthy diagnostic: enough to offer its fix without re-linting. */
export interface DiagnosticData {
  ruleId: string;
  fix?: Fix;
}

/** Diagnostic source, also how code actions recognise their own diagnostics. */
export const DIAGNOSTIC_SOURCE = 'seaworthy';

/** The code action kind of fix-all, as VS Code's `editor.codeActionsOnSave` names it. */
export const FIX_ALL_KIND = 'source.fixAll.seaworthy';

export interface RuleDocsParams {
  ruleId: string;
}

export interface RuleDocsResult {
  /** `file:` URI of the rule's generated page `docs/rules/<id>.md` next to the bundle. */
  uri: string;
  /** The page's text when it exists on disk. */
  markdown?: string;
}

/**
 * Client → server: where a rule's documentation lives, and its text. Unknown ids get a
 * `null` result rather than an error.
 */
export const RuleDocsRequest = new RequestType<RuleDocsParams, RuleDocsResult | null, void>('seaworthy/ruleDocs');

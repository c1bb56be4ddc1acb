import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, IgnoreEdits, Range, Suggestion, TextEdit } from '../engine';
import { comparePositions } from '../engine/types';
import type { Analysis } from './analysis';
import type { ImageMention } from '../scan/imageMentions';
import { checksumPinAction } from './checksumPin';
import { digestPinActions } from './digestPin';
import { toDiagnostic } from './diagnostics';
import { engine } from './engine';
import { fixAllEdits } from './fixAllEdits';
import { hardenActions } from './hardenActions';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SCAN_DIAGNOSTIC_CODE } from './protocol';

export interface CodeActionInput {
  document: TextDocument;
  analysis: Analysis;
  params: CodeActionParams;
  /** Whether the client takes `documentChanges` (versioned edits) in a WorkspaceEdit. */
  documentChanges: boolean;
  /** Whether the client resolves a code action's `edit` lazily (needed for "Pin with --checksum"). */
  resolvesEdits: boolean;
  /** Whether the client shows actions with `disabled` set (greyed out, with the reason). */
  showsDisabled: boolean;
  /** Lints another text of the document, for fix-all rounds; null when it is not checked. */
  lintText: ((text: string) => Finding[]) | null;
  log: (message: string) => void;
  /** Today as `YYYY-MM-DD`: which runtime lines a swap may move to. */
  today: string;
  /** The images the document names (for "Pin to digest"); absent for a file that names none. */
  imageMentions?: () => ImageMention[];
  /** Findings of the workspace-wide checks published with this version (`namespace-without-network-policy`): they get "Ignore" actions too. */
  workspaceFindings?: readonly Finding[];
}

/**
 * Code actions for a range: per finding in it (the document's own and the workspace-wide ones
 * published with it), its quick fix (preferred) and "Ignore <rule> here"; per rule, "Ignore <rule> in this file"; beside a scan's result on a Dockerfile's final
 * `FROM`, the moves to a smaller image; and, when asked for, `source.fixAll.seaworthy`.
 * Every action carries its `edit` (nothing is routed through commands), except "Pin with
 * --checksum", whose edit needs a download and comes from `codeAction/resolve`.
 */
export function codeActions(input: CodeActionInput): CodeAction[] {
  const { document, analysis, params } = input;
  if (!analysis.checked) return [];
  const only = params.context.only;
  const edit = (edits: TextEdit[]): WorkspaceEdit => workspaceEdit(document, edits, input.documentChanges);
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    const sent = params.context.diagnostics;
    // The range, and whatever of ours the client says is there (VS Code sends a line's markers).
    const inRange = [...analysis.findings, ...(input.workspaceFindings ?? [])].filter((f) => touches(f.range, params.range) || sentDiagnosticOf(f, sent) !== undefined);
    const diagnosticOf = (f: Finding): Diagnostic => sentDiagnosticOf(f, sent) ?? toDiagnostic(f);
    const suggested = new Map<string, CodeAction>();
    const suggest = (action: CodeAction): void => {
      // Two findings on one FROM (full-size, toolchain, a scan) offer the same swaps: one action each.
      const key = `${action.title}\u0000${JSON.stringify(action.edit ?? action.disabled)}`;
      const same = suggested.get(key);
      if (same) same.diagnostics?.push(...(action.diagnostics ?? []));
      else {
        suggested.set(key, action);
        actions.push(action);
      }
    };
    for (const f of inRange) {
      if (f.fix && f.fix.edits.length > 0) {
        actions.push({ title: f.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnosticOf(f)], isPreferred: true, edit: edit(f.fix.edits) });
      }
      suggestionActions(f.suggestions ?? [], diagnosticOf(f), edit, input.showsDisabled).forEach(suggest);
      const pin = input.resolvesEdits ? checksumPinAction(f, diagnosticOf(f), document.uri, document.version) : null;
      if (pin) actions.push(pin);
    }
    if (analysis.kind === 'dockerfile') {
      for (const d of sent.filter(isScanDiagnostic)) {
        suggestionActions(engine().minimalImageSwapsAt(document.getText(), d.range.start, input.today), d, edit, input.showsDisabled).forEach(suggest);
      }
    }
    actions.push(...ignoreActions(document, analysis, inRange, diagnosticOf, edit));
  }
  if (wants(only, CodeActionKind.RefactorRewrite) && analysis.kind === 'kubernetes') actions.push(...hardenActions(document, analysis, params.range, edit));
  if (wants(only, CodeActionKind.RefactorRewrite) && input.resolvesEdits && input.imageMentions) actions.push(...digestPinActions(document, input.imageMentions(), params.range));
  if (only && wants(only, FIX_ALL_KIND) && input.lintText) {
    try {
      const edits = fixAllEdits(document.getText(), analysis.findings, input.lintText);
      if (edits.length > 0) actions.push({ title: 'Fix all Seaworthy problems', kind: FIX_ALL_KIND, edit: edit(edits) });
    } catch (e) {
      // A rule whose fix edits clash costs fix-all, not the quick fixes of this request.
      input.log(`fix-all of ${document.uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }
  return actions;
}

/**
 * Alternatives (another base image, say) offered for a finding or a scan's result, in the
 * order given, never preferred: the
 * user picks one deliberately. One that cannot apply here is shown disabled with its reason
 * where the client can show that, and left out where it cannot.
 */
function suggestionActions(suggestions: readonly Suggestion[], diagnostic: Diagnostic, edit: (edits: TextEdit[]) => WorkspaceEdit, showsDisabled: boolean): CodeAction[] {
  const out: CodeAction[] = [];
  for (const s of suggestions) {
    if (s.disabledReason !== undefined) {
      if (showsDisabled) out.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: s.disabledReason } });
    } else if (s.edits.length > 0) {
      out.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(s.edits) });
    }
  }
  return out;
}

function ignoreActions(
  document: TextDocument,
  analysis: Analysis,
  findings: readonly Finding[],
  diagnosticOf: (f: Finding) => Diagnostic,
  edit: (edits: TextEdit[]) => WorkspaceEdit,
): CodeAction[] {
  // The engine's notes about the input are not silenced by a pragma; the workspace-wide NetworkPolicy check is.
  const suppressible = findings.filter((f) => !(f.ruleId in engine().ENGINE_CHECKS) || f.ruleId === engine().NETWORK_POLICY_RULE_ID);
  if (suppressible.length === 0) return [];
  const ignore = ignoreEditsFor(analysis, document);
  const here = new Map<string, CodeAction>();
  const inFile = new Map<string, CodeAction>();
  for (const f of suppressible) {
    const pragma = ignore.here(f.range.start.line, f.ruleId);
    const key = `${f.ruleId}@${pragma.range.start.line}`;
    const existing = here.get(key);
    if (existing) existing.diagnostics?.push(diagnosticOf(f));
    else here.set(key, { title: `Ignore ${f.ruleId} here`, kind: CodeActionKind.QuickFix, diagnostics: [diagnosticOf(f)], edit: edit([pragma]) });
    const fileWide = inFile.get(f.ruleId);
    if (fileWide) fileWide.diagnostics?.push(diagnosticOf(f));
    else inFile.set(f.ruleId, { title: `Ignore ${f.ruleId} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnosticOf(f)], edit: edit([ignore.inFile(f.ruleId)]) });
  }
  return [...here.values(), ...inFile.values()];
}

/** One per analysed version, so a Dockerfile is parsed for its instruction lines at most once. */
const ignoreEditsCache = new WeakMap<Analysis, IgnoreEdits>();
function ignoreEditsFor(analysis: Analysis, document: TextDocument): IgnoreEdits {
  let edits = ignoreEditsCache.get(analysis);
  if (!edits) {
    edits = new (engine().IgnoreEdits)(document.getText(), analysis.kind === 'dockerfile');
    ignoreEditsCache.set(analysis, edits);
  }
  return edits;
}

/** A scan's summary on a line naming its image (see `scanDiagnostic`). */
function isScanDiagnostic(d: Diagnostic): boolean {
  return d.source === DIAGNOSTIC_SOURCE && d.code === SCAN_DIAGNOSTIC_CODE;
}

/** The client's own diagnostic object for a finding, so the editor links them exactly. */
function sentDiagnosticOf(finding: Finding, sent: readonly Diagnostic[]): Diagnostic | undefined {
  return sent.find(
    (d) =>
      d.source === DIAGNOSTIC_SOURCE &&
      d.code === finding.ruleId &&
      comparePositions(d.range.start, finding.range.start) === 0 &&
      comparePositions(d.range.end, finding.range.end) === 0,
  );
}

/** Overlapping or touching: a cursor at either end of a finding still gets its actions. */
function touches(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** Whether an action of `kind` is asked for: `only: ['source']` includes `source.fixAll.seaworthy`. */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function workspaceEdit(document: TextDocument, edits: readonly TextEdit[], documentChanges: boolean): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: e.range, newText: e.newText }));
  if (documentChanges) return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: lspEdits }] };
  return { changes: { [document.uri]: lspEdits } };
}

import * as assert from 'node:assert/strict';
import { CodeAction, CodeActionKind } from 'vscode-languageserver/node';
import { parseAllDocuments } from 'yaml';
import { defaultConfig, lint } from '../../server/src/engine';
import type { LspClient } from './lspClient';

/** Every document of a YAML 1.1 stream as plain data, as the API server would read it. */
export function structure(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1' }).map((d) => {
    if ('errors' in d && d.errors.length > 0) throw new Error(`edited YAML does not parse: ${d.errors[0]?.message}`);
    return d.toJS();
  });
}

/** The Pod Security findings left at the restricted level (every other rule is out of scope), as `line:rule`, sorted. */
export function podSecurityFindings(text: string): string[] {
  return lint({ fileName: 'hardened.yaml', text, config: defaultConfig() })
    .findings.filter((f) => f.refs.pss.length > 0 || f.ruleId === 'invalid-file')
    .map((f) => `${f.range.start.line + 1}:${f.ruleId}`)
    .sort();
}

/** "Harden this workload" asked of the language server: the refactorings at a line, and one of them applied. */
export function hardenRequests(clientOf: () => LspClient, uriOf: (name: string) => string): {
  hardenActions: (name: string, text: string, line: number, only?: string[]) => Promise<{ uri: string; actions: CodeAction[] }>;
  harden: (name: string, text: string, line: number, title: string) => Promise<string>;
} {
  const hardenActions = async (name: string, text: string, line: number, only?: string[]): Promise<{ uri: string; actions: CodeAction[] }> => {
    const uri = uriOf(name);
    const client = clientOf();
    client.open(uri, 'yaml', text);
    await client.diagnostics(uri, 1);
    const at = { line, character: 4 };
    const result = (await client.codeActions(uri, { start: at, end: at }, only)) ?? [];
    return { uri, actions: result.filter((a): a is CodeAction => CodeAction.is(a) && a.kind === CodeActionKind.RefactorRewrite) };
  };
  const harden = async (name: string, text: string, line: number, title: string): Promise<string> => {
    const { uri, actions } = await hardenActions(name, text, line);
    const action = actions.find((a) => a.title === title);
    assert.ok(action?.edit, `no "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    return clientOf().applied(uri, action.edit);
  };
  return { hardenActions, harden };
}

import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position } from './languageServer';
import { PROFILES, SEVERITIES } from '../engine/types';
import { engine } from './engine';
import { ruleHoverMarkdown } from './ruleDocs';

/**
 * Editing `.seaworthy.yaml` without a YAML extension: completion of its keys, rule ids,
 * severities and profiles, and hovers that say what a key or rule means. Validation is the
 * `invalid-config` diagnostics the file gets like any checked file. Read line by line: the file is
 * small and often half-typed, when a YAML parse would fail.
 */
const KEYS: Record<string, string> = {
  profile: 'The rule set in force: `recommended` (default), `strict` or `all`; each includes the one before.',
  podSecurityLevel: 'The Pod Security Standard your cluster enforces: `baseline` or `restricted` (default).',
  rules: 'Per-rule level: `error`, `warning`, `info`, `hint` or `off`. A rule outside the profile runs when named here with a level.',
  ignorePaths: 'Globs of files not to check, relative to this file (`.gitignore` habits: `vendor/**`, `*.generated.yaml`).',
  trustedRegistries: 'Registries whose images are trusted (e.g. `registry.example.com`).',
  podTemplatePaths: 'Where custom resources keep a pod spec: `kind`, `apiGroup` and `path` (e.g. `spec.template.spec`).',
  labelSchema: 'Labels the image must carry, each with the format of its value: `text`, `url`, `rfc3339`, `spdx`, `hash`, `semver` or `email` (hadolint\'s `label-schema`).',
  strictLabels: 'With `labelSchema`: report labels the schema does not name (`true` or `false`).',
};

const VALUES: Record<string, readonly string[]> = {
  profile: PROFILES,
  podSecurityLevel: ['baseline', 'restricted'],
};

const LEVELS = [...SEVERITIES, 'off'];

/** The top-level key whose block holds `line` (the nearest unindented key above it). */
function sectionOf(lines: readonly string[], line: number): string | null {
  for (let i = line; i >= 0; i--) {
    const m = /^([A-Za-z]+)\s*:/.exec(lines[i] ?? '');
    if (m) return m[1]!;
    if (i < line && /^\S/.test(lines[i] ?? '') && !(lines[i] ?? '').startsWith('#')) return null;
  }
  return null;
}

export function configCompletions(text: string, position: Position): CompletionItem[] {
  const lines = text.split(/\r?\n/);
  const before = (lines[position.line] ?? '').slice(0, position.character);
  if (/^[A-Za-z]*$/.test(before)) {
    return Object.entries(KEYS).map(([key, doc]) => ({ label: key, kind: CompletionItemKind.Property, insertText: `${key}: `, documentation: { kind: MarkupKind.Markdown, value: doc } }));
  }
  const value = /^(profile|podSecurityLevel)\s*:\s*[A-Za-z]*$/.exec(before);
  if (value) return (VALUES[value[1]!] ?? []).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
  if (sectionOf(lines, position.line) !== 'rules') return [];
  const typed = /^\s+([a-z0-9-]*)$/.exec(before);
  if (typed) {
    // The whole id typed so far is replaced (an editor's word stops at `-`: it would keep `base-image-` and add the id).
    const range = { start: { line: position.line, character: position.character - typed[1]!.length }, end: position };
    return [...engine().RULE_IDS].sort().map((id) => ({
      label: id,
      kind: CompletionItemKind.Value,
      detail: engine().ruleById(id)?.meta.title ?? engine().ENGINE_CHECKS[id as 'invalid-file']?.title,
      filterText: id,
      textEdit: { range, newText: `${id}: ` },
    }));
  }
  if (/^\s+[a-z0-9-]+\s*:\s*[a-z]*$/.test(before)) return LEVELS.map((level) => ({ label: level, kind: CompletionItemKind.EnumMember }));
  return [];
}

/** Over a top-level key: what it does; over a rule id under `rules:`: the rule's hover. */
export function configHover(text: string, position: Position): Hover | null {
  const lines = text.split(/\r?\n/);
  const line = lines[position.line] ?? '';
  const word = /[A-Za-z0-9-]+/g;
  for (let m = word.exec(line); m; m = word.exec(line)) {
    const start = m.index;
    const end = start + m[0].length;
    if (position.character < start || position.character > end) continue;
    const range = { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
    if (start === 0 && KEYS[m[0]]) return { contents: { kind: MarkupKind.Markdown, value: `**${m[0]}**\n\n${KEYS[m[0]]}` }, range };
    if (start > 0 && sectionOf(lines, position.line) === 'rules' && /^\s+$/.test(line.slice(0, start))) {
      const markdown = ruleHoverMarkdown(m[0]);
      return markdown ? { contents: { kind: MarkupKind.Markdown, value: markdown }, range } : null;
    }
    return null;
  }
  return null;
}

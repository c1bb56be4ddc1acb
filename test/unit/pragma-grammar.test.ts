import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, type IGrammar, type IRawGrammar } from 'vscode-textmate';
import { LineIndex } from '../../server/src/parse/lineIndex';
import { fileSuppressions, lineSuppressions } from '../../server/src/engine/suppressions';
import { REPO_ROOT } from '../support/paths';

/**
 * Tokenizes sample lines for real (vscode-textmate + Oniguruma, as VS Code does) with the pragma
 * grammar injected the way package.json's `injectTo` asks, into two stand-in host grammars that
 * reproduce how VS Code's own grammars scope comments: the Dockerfile grammar captures a whole
 * comment in one `match`; the YAML grammar opens it with `begin`. Block scalars are strings.
 */
const HOSTS: Record<string, IRawGrammar> = {
  'source.dockerfile': {
    scopeName: 'source.dockerfile',
    patterns: [
      { match: '^\\s*(FROM|RUN|USER|ADD|COPY|ENV|ARG)\\s', captures: { '1': { name: 'keyword.other.special-method.dockerfile' } } },
      { begin: '"', end: '"', name: 'string.quoted.double.dockerfile' },
      {
        match: '^(\\s*)((#).*$\\n?)',
        captures: {
          '1': { name: 'punctuation.whitespace.comment.leading.dockerfile' },
          '2': { name: 'comment.line.number-sign.dockerfile' },
          '3': { name: 'punctuation.definition.comment.dockerfile' },
        },
      },
    ],
  } as unknown as IRawGrammar,
  'source.yaml': {
    scopeName: 'source.yaml',
    patterns: [
      { begin: '(?:^[ \\t]*|[ \\t]+)(?=#)', end: '(?!\\G)', patterns: [{ begin: '#', end: '\\n', name: 'comment.line.number-sign.yaml' }] },
      { begin: '^([ \\t]*)[\\w.-]+:[ \\t]*\\|[ \\t]*$', end: '^(?!\\1[ \\t]+|[ \\t]*$)', contentName: 'string.unquoted.block.yaml' },
      { match: '[\\w.-]+(?=:)', name: 'entity.name.tag.yaml' },
    ],
  } as unknown as IRawGrammar,
};

const GRAMMAR_FILE = path.join(REPO_ROOT, 'syntaxes', 'seaworthy-pragmas.injection.tmLanguage.json');

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

function grammarContributions(): GrammarContribution[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes?: { grammars?: GrammarContribution[] } };
  return pkg.contributes?.grammars ?? [];
}

function injection(): GrammarContribution {
  const found = grammarContributions().find((g) => path.resolve(REPO_ROOT, g.path) === GRAMMAR_FILE);
  assert.ok(found, 'package.json contributes.grammars lists the pragma grammar');
  return found;
}

async function loadHost(scopeName: string): Promise<IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm);
  const contribution = injection();
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => oniguruma.createOnigScanner(p), createOnigString: (s: string) => oniguruma.createOnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === contribution.scopeName) return JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as IRawGrammar;
      return HOSTS[scope] ?? null;
    },
    getInjections: (scope) => ((contribution.injectTo ?? []).includes(scope) ? [contribution.scopeName] : undefined),
  });
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  return grammar;
}

/** `text → innermost scope` for every token of the last line, after tokenizing the lines before it. */
function tokens(grammar: IGrammar, lines: string[]): { text: string; scopes: string[] }[] {
  let state = INITIAL;
  let result: { text: string; scopes: string[] }[] = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    result = r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  }
  return result;
}

function scopeOf(toks: { text: string; scopes: string[] }[], text: string): string[] {
  const tok = toks.find((t) => t.text === text);
  assert.ok(tok, `a token "${text}" in ${JSON.stringify(toks.map((t) => t.text))}`);
  return tok.scopes;
}

function isPragma(toks: { text: string; scopes: string[] }[]): boolean {
  return toks.some((t) => t.scopes.some((s) => s.startsWith('comment.line.number-sign.pragma.')));
}

let docker: IGrammar;
let yaml: IGrammar;

before(async () => {
  docker = await loadHost('source.dockerfile');
  yaml = await loadHost('source.yaml');
});

describe('pragma grammar file', () => {
  const raw = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as { scopeName: string; injectionSelector: string; repository: Record<string, { match?: string; patterns?: { match: string }[] }> };

  it('is injected into the Dockerfile and YAML grammars under its own scope name', () => {
    assert.equal(injection().scopeName, raw.scopeName);
    assert.deepEqual(injection().injectTo, ['source.dockerfile', 'source.yaml']);
    assert.match(raw.injectionSelector, /L:source\.dockerfile/);
    assert.match(raw.injectionSelector, /L:source\.yaml/);
  });

  it('uses only regular expressions that JavaScript also compiles', () => {
    const sources = Object.values(raw.repository).flatMap((r) => [r.match, ...(r.patterns ?? []).map((p) => p.match)]).filter((m): m is string => m !== undefined);
    assert.ok(sources.length >= 6);
    for (const source of sources) assert.doesNotThrow(() => new RegExp(source), source);
  });

  it('agrees with JavaScript RegExp on which sample lines are pragmas', () => {
    const seaworthy = new RegExp(raw.repository['seaworthy-pragma']!.match!);
    const hadolint = new RegExp(raw.repository['hadolint-pragma']!.match!);
    for (const sample of SAMPLES) {
      assert.equal(seaworthy.test(sample.line) || hadolint.test(sample.line), sample.honoured, sample.line);
    }
  });
});

/** Lines, and whether the engine treats them as a suppression (the grammar must agree). */
const SAMPLES: { line: string; honoured: boolean }[] = [
  { line: '# seaworthy-ignore final-stage-runs-as-root -- gosu drops privileges', honoured: true },
  { line: '  # seaworthy-ignore privileged-container,run-as-root-allowed', honoured: true },
  { line: '#seaworthy-ignore base-image-latest-tag', honoured: true },
  { line: '# seaworthy-ignore-file secret-in-arg-or-env -- test fixture', honoured: true },
  { line: '# hadolint ignore=DL3006,DL3007 # pinned by the CI', honoured: true },
  { line: '# hadolint global ignore=DL3008', honoured: true },
  { line: '# seaworthy-ignore', honoured: false },
  { line: '# seaworthy-ignore -- no rule given', honoured: false },
  { line: '# seaworthy-ignored privileged-container', honoured: false },
  { line: '# a comment that mentions seaworthy-ignore privileged-container', honoured: false },
  { line: '# hadolint shell=powershell', honoured: false },
];

function engineHonours(line: string): boolean {
  if (fileSuppressions(line).size > 0) return true;
  const lines = new LineIndex(`${line}\nFROM scratch\n`);
  return lineSuppressions(lines, (l) => l).length > 0;
}

describe('pragma grammar tokenized with Oniguruma', () => {
  it('highlights exactly the lines the engine honours, in Dockerfiles and YAML', () => {
    for (const sample of SAMPLES) {
      assert.equal(engineHonours(sample.line), sample.honoured, `engine: ${sample.line}`);
      assert.equal(isPragma(tokens(docker, [sample.line])), sample.honoured, `Dockerfile: ${sample.line}`);
      assert.equal(isPragma(tokens(yaml, [sample.line])), sample.honoured, `YAML: ${sample.line}`);
    }
  });

  it('scopes the directive, each rule id, the separators and the reason in a Dockerfile', () => {
    const toks = tokens(docker, ['# seaworthy-ignore final-stage-runs-as-root,DL3002 -- gosu drops privileges']);
    assert.deepEqual(scopeOf(toks, 'seaworthy-ignore'), ['source.dockerfile', 'comment.line.number-sign.pragma.seaworthy', 'keyword.control.directive.suppress.seaworthy']);
    assert.equal(scopeOf(toks, 'final-stage-runs-as-root').at(-1), 'constant.language.rule-id.seaworthy');
    assert.equal(scopeOf(toks, ',').at(-1), 'punctuation.separator.comma.seaworthy');
    assert.equal(scopeOf(toks, 'DL3002').at(-1), 'constant.language.rule-id.hadolint');
    assert.equal(scopeOf(toks, '--').at(-1), 'punctuation.separator.reason.seaworthy');
    assert.equal(scopeOf(toks, ' gosu drops privileges').at(-1), 'string.unquoted.reason.seaworthy');
  });

  it('scopes an indented file-wide pragma in YAML and marks a malformed rule id', () => {
    const toks = tokens(yaml, ['spec:', '  # seaworthy-ignore-file privileged-container, Bad_Id']);
    assert.deepEqual(scopeOf(toks, 'seaworthy-ignore-file'), ['source.yaml', 'comment.line.number-sign.pragma.seaworthy', 'keyword.control.directive.suppress.seaworthy']);
    assert.equal(scopeOf(toks, 'privileged-container').at(-1), 'constant.language.rule-id.seaworthy');
    assert.equal(scopeOf(toks, 'Bad_Id').at(-1), 'invalid.illegal.rule-id.seaworthy');
  });

  it('scopes hadolint pragmas with their codes and trailing reason', () => {
    const toks = tokens(docker, ['# hadolint global ignore=DL3008,SC2086 # mirrors are unpinned']);
    assert.equal(scopeOf(toks, 'hadolint').at(-1), 'keyword.control.directive.hadolint');
    assert.equal(scopeOf(toks, 'global').at(-1), 'keyword.control.directive.suppress.hadolint');
    assert.equal(scopeOf(toks, '=').at(-1), 'keyword.operator.assignment.hadolint');
    assert.equal(scopeOf(toks, 'DL3008').at(-1), 'constant.language.rule-id.hadolint');
    assert.equal(scopeOf(toks, 'SC2086').at(-1), 'constant.language.rule-id.hadolint');
    assert.equal(scopeOf(toks, ' mirrors are unpinned').at(-1), 'string.unquoted.reason.hadolint');
  });

  it('leaves ordinary comments and instructions to the host grammar', () => {
    assert.deepEqual(scopeOf(tokens(docker, ['# just a comment']), ' just a comment'), ['source.dockerfile', 'comment.line.number-sign.dockerfile']);
    assert.equal(scopeOf(tokens(docker, ['FROM node:22-slim']), 'FROM').at(-1), 'keyword.other.special-method.dockerfile');
  });

  it('does not highlight pragma-like text inside a YAML block scalar', () => {
    const toks = tokens(yaml, ['script: |', '  # seaworthy-ignore privileged-container']);
    assert.equal(isPragma(toks), false);
    assert.ok(toks.every((t) => t.scopes.includes('string.unquoted.block.yaml')), JSON.stringify(toks));
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ENGINE_CHECKS, RULES, RULE_IDS, type AnyRule } from '../../server/src/engine';
import { REPO_ROOT } from '../support/paths';

/** The generator is plain JavaScript (`npm run docs` runs it); its check mode writes nothing. */
interface DocsGenerator {
  check(): string[];
  generate(): { files: Map<string, string>; ruleSettings: Record<string, { enum: string[]; description: string }> };
  DOCS_DIR: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require(path.join(REPO_ROOT, 'scripts', 'generate-docs.js')) as DocsGenerator;

const SOURCE_ROOT = path.join(REPO_ROOT, 'server', 'src');
const COMPILED_ROOT = path.join(REPO_ROOT, 'out', 'server', 'src');

function tsFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

describe('generated files', () => {
  it('docs pages, index, config schema and package.json rule settings match the rule metadata (run `npm run docs` when this fails)', () => {
    assert.deepEqual(generator.check(), []);
  });

  it('every rule and engine check has a docs page, and every page documents one', () => {
    const dir = path.join(REPO_ROOT, generator.DOCS_DIR);
    const pages = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => f.slice(0, -'.md'.length))
      .sort();
    assert.deepEqual(pages, [...RULE_IDS].sort());
  });

  it('offers every rule and engine check as a seaworthy.rules setting with all five levels', () => {
    const { ruleSettings } = generator.generate();
    assert.deepEqual(Object.keys(ruleSettings).sort(), [...RULE_IDS].sort());
    for (const rule of RULES) assert.equal(ruleSettings[rule.meta.id]?.description, rule.meta.title);
    for (const check of Object.values(ENGINE_CHECKS)) assert.equal(ruleSettings[check.id]?.description, check.title);
    for (const setting of Object.values(ruleSettings)) assert.deepEqual(setting.enum, ['error', 'warning', 'info', 'hint', 'off']);
  });
});

describe('rule registry', () => {
  const ruleFiles = tsFilesUnder(path.join(SOURCE_ROOT, 'engine', 'rules'));

  it('registers every rule file exactly once, named after its id in the folder of its target', () => {
    assert.ok(ruleFiles.length > 0, 'rule files under server/src/engine/rules');
    for (const file of ruleFiles) {
      const relative = path.relative(SOURCE_ROOT, file);
      const shown = path.relative(REPO_ROOT, file);
      const compiled = path.join(COMPILED_ROOT, relative.replace(/\.ts$/, '.js'));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const rule = (require(compiled) as { default?: AnyRule }).default;
      assert.ok(rule?.meta?.id, `${shown} must \`export default defineRule({meta, check})\` (helpers belong outside rules/)`);
      assert.equal(RULES.filter((r) => r === rule).length, 1, `${shown} (${rule.meta.id}) must be listed once in RULES (server/src/engine/registry.ts)`);
      assert.equal(path.basename(file, '.ts'), rule.meta.id, `${shown}: the file is named after the rule id`);
      assert.equal(path.basename(path.dirname(file)), rule.meta.appliesTo, `${shown}: the folder is the rule's appliesTo`);
    }
    assert.equal(RULES.length, ruleFiles.length, 'RULES lists only rules that have their own file');
  });

  it('has unique ids that do not clash with the engine checks', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of Object.keys(ENGINE_CHECKS)) assert.ok(!ids.includes(id), id);
  });
});

describe('layer boundary', () => {
  /** Pure layers: text in, findings and edits out. No file system, processes, editor or LSP connection. */
  const FORBIDDEN = /^(?:vscode|vscode-languageclient(?:\/.*)?|vscode-languageserver(?:\/.*)?|vscode-languageserver-protocol(?:\/.*)?|vscode-jsonrpc(?:\/.*)?|(?:node:)?fs(?:\/promises)?|(?:node:)?child_process)$/;
  const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

  for (const layer of ['engine', 'parse']) {
    it(`server/src/${layer} imports no fs, child_process, vscode or LSP library`, () => {
      const files = tsFilesUnder(path.join(SOURCE_ROOT, layer));
      assert.ok(files.length > 0);
      const offences: string[] = [];
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(SPECIFIER)) {
          if (m[1] && FORBIDDEN.test(m[1])) offences.push(`${path.relative(REPO_ROOT, file)}: ${m[1]}`);
        }
      }
      assert.deepEqual(offences, []);
    });
  }

  it('server/src/scan imports no vscode, LSP library or child_process (processes come in as parameters)', () => {
    const editorOrProcess = /^(?:vscode|vscode-languageclient(?:\/.*)?|vscode-languageserver(?:\/.*)?|vscode-languageserver-protocol(?:\/.*)?|vscode-jsonrpc(?:\/.*)?|(?:node:)?child_process)$/;
    const files = tsFilesUnder(path.join(SOURCE_ROOT, 'scan'));
    assert.ok(files.length > 0);
    const offences = files.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)].filter((m) => m[1] && editorOrProcess.test(m[1])).map((m) => `${path.relative(REPO_ROOT, file)}: ${m[1]}`),
    );
    assert.deepEqual(offences, []);
  });

  it('recognises the import forms it forbids', () => {
    const probe = "import * as fs from 'fs';\nimport type { X } from 'vscode';\nconst c = require('node:child_process');\nvoid import('vscode-languageserver/node');\nexport { y } from 'fs/promises';\nimport 'vscode';";
    const found = [...probe.matchAll(SPECIFIER)].map((m) => m[1]).filter((s): s is string => s !== undefined && FORBIDDEN.test(s));
    assert.deepEqual(found, ['fs', 'vscode', 'node:child_process', 'vscode-languageserver/node', 'fs/promises', 'vscode']);
  });
});

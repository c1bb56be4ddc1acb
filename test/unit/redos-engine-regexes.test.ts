import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkSync } from 'recheck';
import * as ts from 'typescript';
import { lineContinuation } from '../../server/src/parse/shell/runSource';
import { PATH as REFERENCE_PATH, REFERENCE } from '../../server/src/scan/imageReference';
import { REPO_ROOT } from '../support/paths';

/** Where text from the user's files is matched: the engine and the parsers it uses. */
const ROOTS = ['server/src/engine', 'server/src/parse'];

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

/** Every regular expression literal in the engine's sources, read with the TypeScript parser. */
function engineRegexes(): Found[] {
  const found: Found[] = [];
  for (const root of ROOTS) {
    const dir = path.join(REPO_ROOT, root);
    for (const relative of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!relative.endsWith('.ts')) continue;
      const file = path.join(dir, relative);
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = node.getText(source);
          const slash = text.lastIndexOf('/');
          found.push({ file: path.join(root, relative), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, source: text.slice(1, slash), flags: text.slice(slash + 1) });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return found;
}

/** Where text is matched with a `new RegExp(…)` built at run time: the engine, its parsers, and the image references handed to scanners. */
const BUILT_ROOTS = [...ROOTS, 'server/src/scan/imageReference.ts'];

/** The `new RegExp(…)` and `RegExp(…)` sites in those sources, as `file:line`. */
function regexConstructorSites(): string[] {
  const sites: string[] = [];
  for (const root of BUILT_ROOTS) {
    const full = path.join(REPO_ROOT, root);
    const files = fs.statSync(full).isDirectory() ? (fs.readdirSync(full, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, f)) : [root];
    for (const file of files) {
      const source = ts.createSourceFile(file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
          sites.push(`${file.split(path.sep).join('/')}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return sites.sort();
}

/**
 * Every pattern each constructor site can build. A site that builds from the user's text cannot
 * be listed (and is a bug: search the text instead); a new site fails the test until listed.
 */
const BUILT: Record<string, () => RegExp[]> = {
  'server/src/parse/shell/runSource.ts:23': () => [lineContinuation('\\'), lineContinuation('`')],
  'server/src/scan/imageReference.ts:24': () => [REFERENCE],
  'server/src/scan/imageReference.ts:25': () => [REFERENCE_PATH],
};

/**
 * Known polynomial ones not yet rewritten, by file and source: each is a debt named in
 * CHANGELOG's known issues, and the test fails once it is fixed, so the entry is removed.
 */
const KNOWN: Record<string, string> = {};

/**
 * recheck's verdicts by counted steps only: with its default wall-clock limits an attack string
 * that took over a second to match (on a loaded machine, however linearly) counted as proof, and a
 * linear pattern came out "polynomial" now and then. The step limits (`attackLimit`,
 * `incubationLimit`) still bound every check.
 */
const RECHECK = { timeout: null, attackTimeout: null, incubationTimeout: null } as const;

describe('ReDoS: every regular expression in the engine', () => {
  const regexes = engineRegexes();

  it('finds the engine\'s regular expressions', () => {
    assert.ok(regexes.length > 100, `only ${regexes.length}`);
  });

  it('has none that recheck finds vulnerable to catastrophic backtracking', () => {
    const vulnerable: string[] = [];
    for (const r of regexes) {
      const diagnostics = checkSync(r.source, r.flags.replace(/[gy]/g, ''), RECHECK);
      const known = KNOWN[r.file.split(path.sep).join('/')] === r.source;
      if (known) assert.equal(diagnostics.status, 'vulnerable', `${r.file}:${r.line} is fixed: remove it from KNOWN`);
      else if (diagnostics.status === 'vulnerable') {
        vulnerable.push(`${r.file}:${r.line} /${r.source}/${r.flags}: ${diagnostics.complexity.type} (attack ${JSON.stringify(diagnostics.attack.pattern)})`);
      }
    }
    assert.deepEqual(vulnerable, []);
  });

  it('lists every pattern a `new RegExp` site builds, and recheck finds none of them vulnerable', () => {
    assert.deepEqual(regexConstructorSites(), Object.keys(BUILT).sort());
    const vulnerable: string[] = [];
    for (const [site, build] of Object.entries(BUILT)) {
      for (const regex of build()) {
        const diagnostics = checkSync(regex.source, regex.flags.replace(/[gy]/g, ''), RECHECK);
        if (diagnostics.status === 'vulnerable') vulnerable.push(`${site} /${regex.source}/: ${diagnostics.complexity.type} (attack ${JSON.stringify(diagnostics.attack.pattern)})`);
        else assert.equal(diagnostics.status, 'safe', `${site} /${regex.source}/: recheck said ${diagnostics.status}`);
      }
    }
    assert.deepEqual(vulnerable, []);
  });
});

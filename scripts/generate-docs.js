// Generates, from each rule's `meta` (the one source of truth):
//   docs/rules/<id>.md            one page per rule and engine check
//   docs/rules/README.md          the index
//   schemas/seaworthy-config.schema.json   JSON schema of .seaworthy.yaml
//   package.json                  contributes.configuration › seaworthy.rules › properties
//
//   node scripts/generate-docs.js           write the files
//   node scripts/generate-docs.js --check   print what is stale and exit 1 (writes nothing)
//
// Reads the compiled engine (out/server/src/engine), so run `tsc -b server` first
// (`npm run docs` does).
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const DOCS_DIR = 'docs/rules';
const SCHEMA_FILE = 'schemas/seaworthy-config.schema.json';
const { rulePage, engineCheckPage, indexPage, RULES_SETTING } = require('./docs/rule-pages');
const { ruleSettingProperties, configSchema } = require('./docs/config-schema');
const { imageRuleFiles, IMAGE_DOCS_DIR } = require('./docs/image-rule-pages');

function loadEngine() {
  const entry = path.join(ROOT, 'out', 'server', 'src', 'engine', 'index.js');
  if (!fs.existsSync(entry)) throw new Error(`${path.relative(ROOT, entry)} is missing: run \`npx tsc -b server\` first`);
  return require(entry);
}

/** Every rule and engine check, in the order the settings list them: rules by id, then engine checks. */
function allEntries(engine) {
  const rules = engine.RULES.map((r) => r.meta).sort((a, b) => a.id.localeCompare(b.id));
  const checks = Object.values(engine.ENGINE_CHECKS).sort((a, b) => a.id.localeCompare(b.id));
  return { rules, checks };
}

function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every generated file: relative path → content. */
function generate(engine = loadEngine()) {
  const entries = allEntries(engine);
  const files = new Map();
  for (const meta of entries.rules) files.set(`${DOCS_DIR}/${meta.id}.md`, rulePage(engine, meta));
  for (const check of entries.checks) files.set(`${DOCS_DIR}/${check.id}.md`, engineCheckPage(check));
  files.set(`${DOCS_DIR}/README.md`, indexPage(entries.rules, entries.checks));
  files.set(SCHEMA_FILE, json(configSchema(engine, entries)));
  for (const [file, content] of imageRuleFiles(ROOT)) files.set(file, content);
  return { files, ruleSettings: ruleSettingProperties(entries) };
}

function readPackageJson() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

/** The `seaworthy.rules` setting inside package.json, whether contributes.configuration is one object or a list. */
function rulesSettingOf(pkg) {
  const configuration = pkg.contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
  for (const section of sections) {
    const setting = section.properties?.[RULES_SETTING];
    if (setting) return setting;
  }
  return undefined;
}

function stableJson(value) {
  return JSON.stringify(value);
}

/** Differences between what is on disk and what the generator produces now; empty when up to date. */
function check(engine = loadEngine()) {
  const { files, ruleSettings } = generate(engine);
  const problems = [];
  for (const [file, content] of files) {
    const full = path.join(ROOT, file);
    if (!fs.existsSync(full)) problems.push(`${file}: missing`);
    // A Windows checkout may have turned \n into \r\n; that is not staleness.
    else if (fs.readFileSync(full, 'utf8').replace(/\r\n/g, '\n') !== content) problems.push(`${file}: differs from the generated text`);
  }
  for (const dir of [DOCS_DIR, IMAGE_DOCS_DIR]) {
    const full = path.join(ROOT, dir);
    const onDisk = fs.existsSync(full) ? fs.readdirSync(full).filter((f) => f.endsWith('.md')) : [];
    for (const f of onDisk) {
      if (!files.has(`${dir}/${f}`)) problems.push(`${dir}/${f}: documents no rule (remove it)`);
    }
  }
  const setting = rulesSettingOf(readPackageJson());
  if (!setting) problems.push(`package.json: contributes.configuration has no ${RULES_SETTING} setting`);
  else if (stableJson(setting.properties ?? {}) !== stableJson(ruleSettings)) problems.push(`package.json: ${RULES_SETTING} properties differ from the rule metadata`);
  return problems;
}

function write(engine = loadEngine()) {
  const { files, ruleSettings } = generate(engine);
  const docsDir = path.join(ROOT, DOCS_DIR);
  fs.mkdirSync(docsDir, { recursive: true });
  for (const f of fs.readdirSync(docsDir)) {
    if (f.endsWith('.md') && !files.has(`${DOCS_DIR}/${f}`)) fs.rmSync(path.join(docsDir, f));
  }
  const changed = [];
  for (const [file, content] of files) {
    const full = path.join(ROOT, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (fs.existsSync(full) && fs.readFileSync(full, 'utf8') === content) continue;
    fs.writeFileSync(full, content);
    changed.push(file);
  }
  // Re-read right before writing: other package.json keys belong to other people.
  const pkg = readPackageJson();
  const setting = rulesSettingOf(pkg);
  if (!setting) throw new Error(`package.json: add a ${RULES_SETTING} setting to contributes.configuration first`);
  if (stableJson(setting.properties ?? {}) !== stableJson(ruleSettings)) {
    setting.properties = ruleSettings;
    fs.writeFileSync(path.join(ROOT, 'package.json'), json(pkg));
    changed.push('package.json');
  }
  return changed;
}

module.exports = { generate, check, write, DOCS_DIR, SCHEMA_FILE, RULES_SETTING };

if (require.main === module) {
  try {
    if (process.argv.includes('--check')) {
      const problems = check();
      for (const p of problems) console.error(p);
      if (problems.length > 0) {
        console.error('generated files are stale: run `npm run docs`');
        process.exit(1);
      }
      console.log('generated files are up to date');
    } else {
      const changed = write();
      console.log(changed.length > 0 ? `updated ${changed.join(', ')}` : 'generated files are up to date');
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}

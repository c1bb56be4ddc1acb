import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ENGINE_CHECKS, RULES } from '../../server/src/engine';
import { REPO_ROOT } from '../support/paths';
import { REF_KEYS, runCli, tempProject, type CatalogueRule, type TempProject } from './cliHarness';

const ALL_IDS = [...RULES.map((r) => r.meta.id), ...Object.keys(ENGINE_CHECKS)].sort();

describe('seaworthy rules', () => {
  let project: TempProject;
  before(() => {
    project = tempProject({});
  });
  after(() => project.dispose());

  it('lists every rule and every engine check as JSON, with metadata and all refs keys', async () => {
    const run = await runCli(['rules', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.code, 0);
    const { version, rules } = JSON.parse(run.stdout) as { version: number; rules: CatalogueRule[] };
    assert.equal(version, 1);
    assert.deepEqual(rules.map((r) => r.id).sort(), ALL_IDS);
    for (const rule of rules) {
      const meta = RULES.find((r) => r.meta.id === rule.id)?.meta;
      const check = ENGINE_CHECKS[rule.id as keyof typeof ENGINE_CHECKS];
      assert.equal(rule.severity, meta?.defaultSeverity ?? check.defaultSeverity);
      assert.equal(rule.appliesTo, meta?.appliesTo ?? check.appliesTo);
      assert.equal(rule.fixable, meta?.fixable ?? false);
      assert.equal(rule.title, meta?.title ?? ENGINE_CHECKS[rule.id as keyof typeof ENGINE_CHECKS].title);
      assert.ok(rule.category);
      assert.deepEqual(Object.keys(rule.refs), REF_KEYS);
    }
  });

  it('names every rule in the text and Markdown tables', async () => {
    for (const format of ['text', 'markdown']) {
      const run = await runCli(['rules', '--format', format], { cwd: project.dir });
      assert.equal(run.code, 0);
      for (const id of ALL_IDS) assert.ok(run.stdout.includes(id), `${format} names ${id}`);
    }
    const markdown = await runCli(['rules', '--format', 'markdown'], { cwd: project.dir });
    // The id links to the rule's page only where package.json says the project lives (project-links.test.ts).
    assert.match(markdown.stdout, /\| (?:`privileged-container`|\[`privileged-container`\]\(https:\/\/[^)]+\/docs\/rules\/privileged-container\.md\)) \| error \| kubernetes \|/);
  });
});

describe('help and version', () => {
  let project: TempProject;
  before(() => {
    project = tempProject({});
  });
  after(() => project.dispose());

  it('prints the version of package.json', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await runCli(['--version'], { cwd: project.dir });
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${pkg.version}\n`);
  });

  it('prints help for the tool and each command on stdout', async () => {
    const main = await runCli(['--help'], { cwd: project.dir });
    assert.equal(main.code, 0);
    assert.match(main.stdout, /seaworthy check \[PATH\|GLOB \.\.\.\] \[--format text\|json\|sarif\] \[--config FILE\]/);
    assert.match(main.stdout, /seaworthy rules \[--format text\|json\|markdown\]/);
    const check = await runCli(['check', '--help'], { cwd: project.dir });
    assert.equal(check.code, 0);
    assert.match(check.stdout, /--severity-threshold LEVEL/);
    assert.match(check.stdout, /--fix/);
    const rules = await runCli(['rules', '-h'], { cwd: project.dir });
    assert.match(rules.stdout, /--format FORMAT +text \(default\), json or markdown/);
  });

  it('prints the scan synopsis of DESIGN.md in the help', async () => {
    const scan = await runCli(['scan', '--help'], { cwd: project.dir });
    assert.equal(scan.code, 0);
    assert.match(scan.stdout, /seaworthy scan IMAGE… \[--engine auto\|trivy\|grype\|docker-scout\|builtin\] \[--platform OS\/ARCH\]/);
    assert.match(scan.stdout, /seaworthy scan --report FILE \[--report-format trivy\|grype\|sarif\|cyclonedx\] \[--dockerfile PATH\] \[--format …\]/);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { linksOf } from '../../server/src/cli/projectLinks';
import { REPO_ROOT } from '../support/paths';
import { PRIVILEGED_POD, catalogue, runCli, tempProject, type CliRun, type TempProject } from './cliHarness';

const ownPackage = (): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { markdown: string };
  defaultConfiguration: { level: string };
  properties: { category: string; tags: string[]; refs: Record<string, unknown[]> };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region } }[];
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
}

describe('check --format sarif', () => {
  let project: TempProject;
  let run: CliRun;
  let log: SarifLog;

  before(async () => {
    project = tempProject({ 'k8s/pod.yaml': PRIVILEGED_POD, Dockerfile: 'FROM node:latest\nCMD ["node"]\n' });
    run = await runCli(['check', '--format', 'sarif'], { cwd: project.dir });
    log = JSON.parse(run.stdout) as SarifLog;
  });
  after(() => project.dispose());

  it('is SARIF 2.1.0 with one run of the seaworthy driver at the package version', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0]!.tool;
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(driver.name, 'seaworthy');
    assert.equal(driver.version, pkg.version);
    // Where package.json says the project lives, and no link at all when it says nowhere.
    assert.equal(driver.informationUri, linksOf(pkg as Record<string, unknown>).home ?? undefined);
    assert.ok(log.runs[0]!.originalUriBaseIds['%SRCROOT%']?.uri.startsWith('file://'));
  });

  it('describes every rule of the catalogue with docs link, help, level and properties', async () => {
    const { rules } = log.runs[0]!.tool.driver;
    const listed = await catalogue(project.dir);
    assert.deepEqual(rules.map((r) => r.id).sort(), listed.map((r) => r.id).sort());
    for (const rule of rules) {
      assert.equal(rule.helpUri, linksOf(ownPackage()).ruleDoc(rule.id) ?? undefined);
      assert.ok(rule.name.length > 0 && rule.shortDescription.text.length > 0 && rule.fullDescription.text.length > 0);
      assert.ok(rule.help.markdown.includes(rule.shortDescription.text));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      assert.ok(rule.properties.category && Array.isArray(rule.properties.tags) && rule.properties.refs);
    }
  });

  it('points each result at its rule by id and index, with a mapped level', () => {
    const { rules } = log.runs[0]!.tool.driver;
    const { results } = log.runs[0]!;
    assert.ok(results.length >= 2);
    for (const r of results) {
      assert.equal(rules[r.ruleIndex]?.id, r.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      assert.ok(r.message.text.length > 0);
    }
  });

  it('locates results with relative URIs under %SRCROOT% and 1-based regions', () => {
    const privileged = log.runs[0]!.results.find((r) => r.ruleId === 'privileged-container');
    assert.ok(privileged);
    assert.equal(privileged.level, 'error');
    const [location] = privileged.locations;
    assert.deepEqual(location?.physicalLocation.artifactLocation, { uri: 'k8s/pod.yaml', uriBaseId: '%SRCROOT%' });
    // `privileged: true` is line 9, characters 8–24 in LSP terms.
    assert.deepEqual(location?.physicalLocation.region, { startLine: 10, startColumn: 9, endLine: 10, endColumn: 25 });
    for (const r of log.runs[0]!.results) {
      const region = r.locations[0]!.physicalLocation.region;
      assert.ok(region.startLine >= 1 && region.startColumn >= 1, JSON.stringify(region));
    }
  });

  it('keeps URIs relative to %SRCROOT% for files named by absolute path, and percent-encodes them', async () => {
    const spaced = project.path('k8s/my pod#1.yaml');
    fs.writeFileSync(spaced, PRIVILEGED_POD);
    try {
      const named = await runCli(['check', spaced, '--format', 'sarif'], { cwd: project.dir });
      const result = (JSON.parse(named.stdout) as SarifLog).runs[0]!.results.find((r) => r.ruleId === 'privileged-container');
      assert.deepEqual(result?.locations[0]?.physicalLocation.artifactLocation, { uri: 'k8s/my%20pod%231.yaml', uriBaseId: '%SRCROOT%' });
    } finally {
      fs.rmSync(spaced);
    }
  });

  it('carries the fix as artifact changes with 1-based deleted regions', () => {
    const privileged = log.runs[0]!.results.find((r) => r.ruleId === 'privileged-container');
    const fix = privileged?.fixes?.[0];
    assert.ok(fix);
    assert.ok(fix.description.text.length > 0);
    const change = fix.artifactChanges[0]!;
    assert.equal(change.artifactLocation.uri, 'k8s/pod.yaml');
    const replacement = change.replacements[0]!;
    assert.equal(replacement.deletedRegion.startLine, 10);
    assert.equal(replacement.insertedContent.text, 'false');
    const withoutFix = log.runs[0]!.results.filter((r) => !r.fixes);
    for (const r of withoutFix) assert.equal('fixes' in r, false);
  });
});

import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parseJsonReport, runCli, tempProject } from './cliHarness';

const DOCKERFILE = [
  'FROM python:3.13-slim',
  'RUN apt-get update \\',
  '  && apt-get install curl \\',
  '  && pip install -r requirements.txt',
  'MAINTAINER ops@example.com',
  'CMD python app.py',
  'USER 10001',
  '',
].join('\n');

const FIXED = [
  'FROM python:3.13-slim',
  'RUN apt-get update \\',
  '  && apt-get install -y --no-install-recommends curl \\',
  '  && pip install --no-cache-dir -r requirements.txt && rm -rf /var/lib/apt/lists/*',
  'LABEL org.opencontainers.image.authors="ops@example.com"',
  'CMD ["python", "app.py"]',
  'USER 10001',
  '',
].join('\n');

describe('check: rules that read RUN, from the built CLI', () => {
  const project = tempProject({ Dockerfile: DOCKERFILE });
  after(() => project.dispose());

  it('reports the commands inside a continued RUN with the refs of every catalogue that has the check', async () => {
    const run = await runCli(['check', 'Dockerfile', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.stderr, '');
    const findings = parseJsonReport(run.stdout).findings;
    const at = (id: string): string[] => findings.filter((f) => f.ruleId === id).map((f) => `${f.range.start.line}:${f.range.start.character}`);
    assert.deepEqual(at('apt-get-install-without-yes'), ['2:5']);
    assert.deepEqual(at('apt-get-installs-recommends'), ['2:5']);
    assert.deepEqual(at('pip-install-keeps-cache'), ['3:5']);
    assert.deepEqual(at('apt-lists-not-removed'), ['1:4']);
    const recommends = findings.find((f) => f.ruleId === 'apt-get-installs-recommends');
    assert.deepEqual([recommends?.refs.hadolint, recommends?.refs.trivy], [['DL3015'], ['DS-0029']]);
  });

  it('--fix applies every safe fix with minimal edits, and the file then checks clean for them', async () => {
    await runCli(['check', 'Dockerfile', '--fix'], { cwd: project.dir });
    assert.equal(project.read('Dockerfile'), FIXED);
    const again = parseJsonReport((await runCli(['check', 'Dockerfile', '--format', 'json'], { cwd: project.dir })).stdout).findings;
    const fixedRules = ['apt-get-install-without-yes', 'apt-get-installs-recommends', 'pip-install-keeps-cache', 'apt-lists-not-removed', 'maintainer-deprecated', 'cmd-shell-form'];
    assert.deepEqual(again.filter((f) => fixedRules.includes(f.ruleId)), []);
  });
});

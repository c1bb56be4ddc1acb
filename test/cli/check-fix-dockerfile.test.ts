import * as assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { onlyRulesConfig, parseJsonReport, runCli, tempProject, type TempProject } from './cliHarness';

const DOCKERFILE = [
  'ARG VERSION=1.0',
  'FROM node:24-slim',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN cd /app && npm install',
  'COPY app-${VERSION}.tgz ./',
  'USER node',
  '',
].join('\n');

describe('check --fix on a Dockerfile: safe fixes only', () => {
  let project: TempProject;
  let config: string;
  before(async () => {
    config = await onlyRulesConfig({ 'undefined-variable': 'warning', 'npm-install-instead-of-ci': 'info', 'cd-instead-of-workdir': 'warning' });
  });
  beforeEach(() => {
    project = tempProject({ '.seaworthy.yaml': config, Dockerfile: DOCKERFILE });
  });
  afterEach(() => project.dispose());

  it('declares the global ARG in the stage and leaves the editor-only rewrites (npm ci, cd → WORKDIR) alone', async () => {
    const run = await runCli(['check', 'Dockerfile', '--fix', '--format', 'json'], { cwd: project.dir });
    assert.equal(project.read('Dockerfile'), DOCKERFILE.replace('COPY app-', 'ARG VERSION\nCOPY app-'));
    const remaining = parseJsonReport(run.stdout).findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`);
    assert.deepEqual(remaining.sort(), ['5:cd-instead-of-workdir', '5:npm-install-instead-of-ci']);
  });
});

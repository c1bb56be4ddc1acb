import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PRIVILEGED_POD, parseJsonReport, runCli, tempProject, type TempProject } from './cliHarness';

const doubling = (count: number): string => {
  const lines = ['ARG A=xxxxxxxx', 'ARG B0=${A}${A}'];
  for (let i = 1; i < count; i++) lines.push(`ARG B${i}=\${B${i - 1}}\${B${i - 1}}`);
  return `${lines.join('\n')}\nFROM alpine:\${B${count - 1}}\nUSER 1000\n`;
};

/**
 * Input that once ended the CLI ("internal error: Invalid string length") or made every RUN rule
 * fail one by one: now each costs at most its own file's findings, the other files are checked.
 */
describe('check: hostile input costs only its own file', () => {
  let project: TempProject;
  before(() => {
    project = tempProject({
      'bomb/Dockerfile': doubling(40),
      'nested-run/Dockerfile': `FROM alpine:3.22\nUSER 1000\nRUN echo ${'$('.repeat(20_000)}${')'.repeat(20_000)}\nRUN sudo id\n`,
      'nested-yaml/pod.yaml': `apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`,
      'good/pod.yaml': PRIVILEGED_POD,
    });
  });
  after(() => project.dispose());

  it('bounds a chain of doubling ARGs: the base image is unknown, nothing fails', async () => {
    const run = await runCli(['check', 'bomb', 'good', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
    const findings = parseJsonReport(run.stdout).findings;
    assert.ok(findings.some((f) => f.file === 'good/pod.yaml' && f.ruleId === 'privileged-container'));
    assert.deepEqual(findings.filter((f) => f.ruleId === 'invalid-file'), []);
  });

  it('reads a RUN nested 20,000 command substitutions deep, reports YAML nested too deeply once, checks the other files, exits 2', async () => {
    const run = await runCli(['check', 'nested-run', 'nested-yaml', 'good', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.code, 2);
    // The shell walk keeps its own stack: the deep RUN is read, not a fault.
    assert.equal(run.stderr, 'seaworthy: nested-yaml/pod.yaml: not fully checked: YAML nested too deeply (Maximum call stack size exceeded)\n');
    const findings = parseJsonReport(run.stdout).findings;
    const invalid = findings.filter((f) => f.ruleId === 'invalid-file').map((f) => [f.file, f.range.start.line, f.message]);
    assert.deepEqual(invalid, [['nested-yaml/pod.yaml', 2, 'YAML nested too deeply to read: the document is not checked below this point']]);
    assert.ok(findings.some((f) => f.file === 'nested-run/Dockerfile' && f.ruleId === 'sudo-in-run' && f.range.start.line === 3), 'the next RUN is checked');
    assert.ok(findings.some((f) => f.file === 'good/pod.yaml' && f.ruleId === 'privileged-container'));
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { PRIVILEGED_POD, parseJsonReport, runCli, tempProject, type JsonFinding, type TempProject } from './cliHarness';

const MB = 1024 * 1024;

/** A pod that lints to findings, numbered so 3,000 of them are 3,000 objects. */
const pod = (i: number): string => PRIVILEGED_POD.replace(/name: (\S+)\n/, `name: $1-${i}\n`);

/**
 * The catalogue of hostile input, each checked by the CLI as a process, with what the user sees:
 * a finding or a note that says what happened, the other files still checked, nothing damaged.
 */
describe('check: the hostile input catalogue', () => {
  let project: TempProject;
  before(() => {
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: bomb', 'data:', '  a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) bomb.push(`  ${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    project = tempProject({
      'alias-bomb/bomb.yaml': `${bomb.join('\n')}\n`,
      'five-mb/pod.yaml': `${PRIVILEGED_POD}# ${'x'.repeat(5 * MB)}\n`,
      'fifty-mb/pod.yaml': 'a'.repeat(50 * MB),
      'long-line/Dockerfile': `FROM alpine:3.22\nRUN echo ${'x'.repeat(2 * MB)}\nRUN sudo id\nUSER 1000\n`,
      'continuations/Dockerfile': `FROM alpine:3.22\nUSER 1000\nRUN echo start \\\n${' && echo x \\\n'.repeat(50_000)} && echo end\nRUN sudo id\n`,
      'heredoc/Dockerfile': 'FROM alpine:3.22\nUSER 1000\nRUN <<EOF\nsudo apt-get install curl\necho never closed\n',
      'nul/Dockerfile': 'FROM alpine:3.22\nRUN echo \u0000 hi\n',
      'bom/Dockerfile': '\uFEFFFROM alpine:latest\nUSER 1000\n',
      'invalid-utf8/Dockerfile': [...Buffer.from('FROM alpine:latest\nLABEL x="'), 0xff, 0xfe, 0xc3, 0x28, ...Buffer.from('"\nUSER 1000\n')],
      'binary/Dockerfile': Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
      'documents/all.yaml': Array.from({ length: 3000 }, (_, i) => pod(i)).join('---\n'),
      'crlf/Dockerfile': 'FROM alpine:latest\r\nRUN sudo id\r\nUSER 1000\r\n',
      'lone-cr/Dockerfile': 'FROM alpine:latest\rRUN sudo id\rUSER 1000\r',
      'empty-key/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - :\n    image: nginx:1.25\n',
    });
  });
  after(() => project.dispose());

  const check = async (dir: string, ...more: string[]): Promise<{ code: number; stderr: string; findings: JsonFinding[] }> => {
    const run = await runCli(['check', dir, '--format', 'json', ...more], { cwd: project.dir });
    return { code: run.code, stderr: run.stderr, findings: parseJsonReport(run.stdout).findings };
  };
  const summary = (findings: readonly JsonFinding[]): string[] => findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}${f.ruleId === 'invalid-file' ? `: ${f.message}` : ''}`);

  it('a YAML alias bomb: read without expanding it, nothing to report on a ConfigMap', async () => {
    assert.deepEqual(await check('alias-bomb'), { code: 0, stderr: '', findings: [] });
  });

  it('files over 5 MB and of 50 MB: one finding each, never read whole', async () => {
    for (const [dir, size] of [['five-mb', '5.0'], ['fifty-mb', '50.0']]) {
      const result = await check(dir as string);
      assert.equal(result.code, 1);
      assert.deepEqual(summary(result.findings), [`1:1 invalid-file: file not checked: ${size} MB is over the 5 MB limit`]);
    }
  });

  it('a 2 MB line: that line is not checked, the rest is (without fixes)', async () => {
    const result = await check('long-line');
    assert.deepEqual(summary(result.findings), ['2:1 invalid-file: line 2 not checked: 2048 KB on one line is over the 64 KB limit', '3:5 sudo-in-run']);
  });

  it('50,000 continuation lines: one RUN, the next RUN still checked', async () => {
    const result = await check('continuations');
    assert.equal(result.stderr, '');
    assert.deepEqual(summary(result.findings), ['50005:5 sudo-in-run']);
  });

  it('an unclosed heredoc: its body is read to the end of the file, and the apt rules see the apt-get that sudo runs', async () => {
    assert.deepEqual(summary((await check('heredoc')).findings), ['4:1 sudo-in-run', '4:6 apt-get-install-without-yes', '4:6 apt-get-installs-recommends']);
  });

  it('NUL bytes and binary content: one finding, not parsed', async () => {
    for (const dir of ['nul', 'binary']) assert.deepEqual(summary((await check(dir)).findings), ['1:1 invalid-file: file not checked: it holds binary data (NUL bytes), not text']);
  });

  it('a BOM: columns as the editor counts them after it, kept by --fix', async () => {
    assert.deepEqual(summary((await check('bom')).findings), ['1:6 base-image-latest-tag']);
  });

  it('invalid UTF-8: checked as decoded, said so, and never rewritten by --fix', async () => {
    const before = fs.readFileSync(project.path('invalid-utf8/Dockerfile'));
    const result = await check('invalid-utf8', '--fix');
    assert.equal(result.stderr, 'seaworthy: invalid-utf8/Dockerfile: not valid UTF-8; checked with the bad bytes read as U+FFFD, and not fixed: the file is unchanged\n');
    assert.deepEqual(summary(result.findings), ['1:6 base-image-latest-tag']);
    assert.deepEqual(fs.readFileSync(project.path('invalid-utf8/Dockerfile')), before);
  });

  it('3,000 documents in one file: every one checked', async () => {
    const result = await check('documents');
    const privileged = result.findings.filter((f) => f.ruleId === 'privileged-container');
    assert.equal(privileged.length, 3000);
    const lines = PRIVILEGED_POD.split('\n').length;
    assert.equal(privileged[2999]!.range.start.line, privileged[0]!.range.start.line + 2999 * lines);
  });

  it('a map key kubectl cannot read (`- :`): said so, the rules still report, and --fix changes nothing', async () => {
    const before = fs.readFileSync(project.path('empty-key/pod.yaml'));
    const result = await check('empty-key', '--fix');
    assert.equal(result.code, 1);
    assert.ok(result.findings.some((f) => f.ruleId === 'run-as-root-allowed'));
    assert.deepEqual(summary(result.findings.filter((f) => f.ruleId === 'invalid-file')), [
      '7:5 invalid-file: empty or null map key: kubectl rejects an object with a key that is not a string, number or boolean (no fixes are offered in this document until it is corrected)',
    ]);
    assert.deepEqual(fs.readFileSync(project.path('empty-key/pod.yaml')), before);
  });

  it('CRLF and lone CR line ends: the same findings on the same lines', async () => {
    const expected = ['1:6 base-image-latest-tag', '2:5 sudo-in-run'];
    assert.deepEqual(summary((await check('crlf')).findings), expected);
    assert.deepEqual(summary((await check('lone-cr')).findings), expected);
  });
});

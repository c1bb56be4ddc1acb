import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseDockerfileModel } from '../../server/src/parse/dockerfileModel';
import type { RunScript } from '../../server/src/parse/shell/runScripts';
import { flagsOf, subcommandOf } from '../../server/src/parse/shell/shellScript';
import { shellParserReady } from '../support/shellParser';

before(shellParserReady);

function runs(text: string): readonly RunScript[] {
  return parseDockerfileModel(text).runs();
}

/** Each command as `program arg…` (values, or the text of a word an expansion decides). */
function commands(run: RunScript | undefined): string[] {
  assert.ok(run, 'a RUN that is read');
  return run.script.commands.map((c) => [c.program ?? c.nameWord.text, ...c.args.map((a) => a.value ?? a.text)].join(' '));
}

/** The Dockerfile text a script range covers. */
function textAt(text: string, run: RunScript, start: number, end: number): string {
  const lines = text.split('\n');
  const r = run.range(start, end);
  if (r.start.line === r.end.line) return (lines[r.start.line] ?? '').slice(r.start.character, r.end.character);
  return [(lines[r.start.line] ?? '').slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), (lines[r.end.line] ?? '').slice(0, r.end.character)].join('\n');
}

describe('RUN as its shell reads it', () => {
  it('joins continuation lines, drops comments and blank lines inside them, and maps words back to their lines', () => {
    const text = 'FROM debian:12\nRUN apt-get update \\\n  # refresh first\n\n  && apt-get install -y "curl" \\\n  && curl -fsSL https://example.com/i.sh | sh\n';
    const [run] = runs(text);
    assert.deepEqual(commands(run), ['apt-get update', 'apt-get install -y curl', 'curl -fsSL https://example.com/i.sh', 'sh']);
    const install = run!.script.commands[1]!;
    assert.deepEqual(run!.range(install.start, install.end), { start: { line: 4, character: 5 }, end: { line: 4, character: 30 } });
    assert.equal(textAt(text, run!, install.args[2]!.start, install.args[2]!.end), '"curl"');
    assert.deepEqual(run!.script.pipelines.map((p) => p.commands), [[2, 3]]);
    assert.equal(run!.form, 'shell');
  });

  it('reads CRLF files like LF ones', () => {
    const text = 'FROM debian:12\r\nRUN apt-get update \\\r\n  && apt-get install -y curl\r\n';
    const [run] = runs(text);
    assert.deepEqual(commands(run), ['apt-get update', 'apt-get install -y curl']);
    const install = run!.script.commands[1]!;
    assert.deepEqual(run!.range(install.start, install.end), { start: { line: 2, character: 5 }, end: { line: 2, character: 28 } });
  });

  it('follows the escape directive: a backtick continues the line and a backslash is the shell\'s', () => {
    const text = '# escape=`\nFROM debian:12\nRUN echo a `\n  && printf "%s\\n" b\n';
    assert.deepEqual(commands(runs(text)[0]), ['echo a', 'printf %s\\n b']);
  });

  it('reads exec form as one command whose words are the JSON strings, with no shell', () => {
    const text = 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n';
    const [run] = runs(text);
    assert.equal(run?.form, 'exec');
    assert.deepEqual(commands(run), ['apt-get install -y curl']);
    assert.equal(textAt(text, run!, run!.script.commands[0]!.args[0]!.start, run!.script.commands[0]!.args[0]!.end), '"install"');
  });

  it('runs the body of RUN <<EOF as the script, and leaves heredoc input to other programs alone', () => {
    const text = 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nRUN python3 <<EOF\nimport os\nEOF\n';
    const [script, python] = runs(text);
    assert.equal(script?.form, 'heredoc');
    assert.deepEqual(commands(script), ['apt-get update', 'apt-get install -y curl']);
    assert.deepEqual(script!.range(script!.script.commands[1]!.start, script!.script.commands[1]!.end), { start: { line: 3, character: 0 }, end: { line: 3, character: 23 } });
    assert.deepEqual(commands(python), ['python3']);
  });

  it('skips RUNs it would misread: a PowerShell SHELL, a Windows base, a foreign shebang, hadolint\'s shell pragma', () => {
    const text = [
      'FROM debian:12 AS linux',
      'RUN echo sh',
      'SHELL ["pwsh", "-Command"]',
      'RUN Get-ChildItem | Out-Null',
      'FROM linux AS inherits',
      'RUN Write-Host still-pwsh',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN echo bash',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'RUN dir | findstr x',
      'FROM debian:12',
      'RUN <<EOF',
      '#!/usr/bin/env python3',
      'print("x")',
      'EOF',
      '',
    ].join('\n');
    assert.deepEqual(runs(text).map((r) => commands(r).join('; ')), ['echo sh', 'echo bash']);
    assert.deepEqual(runs('# hadolint shell=powershell\nFROM debian:12\nRUN Get-Item x | y\n'), []);
  });

  it('keeps the commands it can read from half-typed input, and says the script has an error', () => {
    const [run] = runs('FROM debian:12\nRUN apt-get install -y "curl && echo $(foo\n');
    assert.equal(run?.script.hasError, true);
    assert.deepEqual(commands(run), ['apt-get install -y']);
  });

  it('finds commands in lists, subshells, loops and command substitutions, and words an expansion decides', () => {
    const [run] = runs('FROM debian:12\nRUN cd /src; (cd lib && make) && for f in *.sh; do sh "$f"; done && echo $(ls | wc -l) --opt="a b" pre"fix"\n');
    assert.deepEqual(commands(run), ['cd /src', 'cd lib', 'make', 'sh "$f"', 'echo $(ls | wc -l) --opt=a b prefix', 'ls', 'wc -l']);
  });

  it('reads a RUN of 20,000 commands joined by && (a tree 20,000 lists deep) without running out of stack', () => {
    const n = 20_000;
    const words = Array.from({ length: n }, (_, i) => `c${i}`);
    const text = `FROM debian:12\nRUN ${words.join(' && ')} | tee log\n`;
    const model = parseDockerfileModel(text);
    const [run] = model.runs();
    assert.deepEqual(model.unreadableRuns(), []);
    const all = commands(run);
    assert.equal(all.length, n + 1);
    assert.deepEqual([all[0], all[n - 1], all[n]], ['c0', `c${n - 1}`, 'tee log']);
    // The last command and `tee` make the one pipeline, in their places.
    assert.deepEqual(run!.script.pipelines.map((p) => p.commands), [[n - 1, n]]);
    assert.deepEqual(run!.script.commands[n]!.pipeline, { index: 0, position: 1 });
    const last = run!.script.commands[n - 1]!;
    const column = 'RUN '.length + words.slice(0, n - 1).join(' && ').length + ' && '.length;
    assert.deepEqual(run!.range(last.start, last.end), { start: { line: 1, character: column }, end: { line: 1, character: column + `c${n - 1}`.length } });
  });

  it('parses each RUN text once: every rule, and the next version of the document, share the parse', () => {
    const before = runs('FROM debian:12\nRUN apt-get update\nRUN echo one\n');
    const after = runs('FROM debian:12\nWORKDIR /x\nRUN apt-get update\nRUN echo two\n');
    assert.equal(after[0]!.script, before[0]!.script);
    assert.notEqual(after[1]!.script, before[1]!.script);
    assert.deepEqual(after[0]!.range(0, 7).start, { line: 2, character: 4 });
    const model = parseDockerfileModel('FROM debian:12\nRUN echo x\n');
    assert.equal(model.runs(), model.runs());
  });
});

describe('shell command helpers', () => {
  it('reads options as hadolint does: clusters of letters, long names without their value', () => {
    const [run] = runs('FROM debian:12\nRUN apt-get -qq -o Dpkg::Use-Pty=0 --no-install-recommends=true install x\n');
    const command = run!.script.commands[0]!;
    assert.deepEqual(flagsOf(command).map((f) => f.name), ['q', 'q', 'o', 'no-install-recommends']);
    assert.equal(subcommandOf(command, 'apt-get', ['install'])?.value, 'install');
    assert.equal(subcommandOf(command, 'apk', ['add']), undefined);
  });
});

import { Workdir, type Instruction } from 'dockerfile-ast';
import { keywordInCaseOf, lineEndingOf } from '../../dockerfile/stageEdits';
import { defineRule, type DockerfileContext } from '../../rule';
import type { Suggestion, TextEdit } from '../../types';
import type { Stage } from '../../../parse/dockerfileModel';
import type { RunScript } from '../../../parse/shell/runScripts';
import type { ShellCommand } from '../../../parse/shell/shellScript';

/**
 * hadolint DL3003 and Trivy DS-0013: `cd` among a RUN's commands. As hadolint, every `cd` is
 * reported (also in a subshell): the rule is in the `strict` profile because `cd dir && make`
 * is common and harmless in builder stages. No automatic fix: a WORKDIR changes the directory
 * for every later instruction, which the `cd` did not. The editor offers the move for a RUN that
 * starts with `cd /absolute/path &&` (or `;`): a WORKDIR above it, and the directory from before
 * restored below it unless the next instruction sets its own; when that directory is the base
 * image's (unknown here), the action is shown disabled with the reason.
 */
export default defineRule({
  meta: {
    id: 'cd-instead-of-workdir',
    title: 'cd in RUN instead of WORKDIR',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'strict',
    refs: { hadolint: ['DL3003'], trivy: ['DS-0013'] },
    fixable: false,
    rationale:
      'A `cd` lasts only for the RUN it is in, so the next instruction silently starts in another directory, and relative paths in long `cd a && … && cd ../b` chains are hard to follow. `WORKDIR /path` states the directory once for every later RUN, COPY, CMD and ENTRYPOINT, and creates it if needed. For a `RUN` that starts with `cd /dir &&`, the editor offers the move: `WORKDIR /dir` above the `RUN`, and the directory from before restored below it, so later instructions keep theirs; fix-all and `check --fix` leave it to you, since the result changes the file\'s layout.',
    compliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25\nWORKDIR /src/app\nRUN go build ./...\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25\nRUN cd /src/app && go build ./...\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        if (command.program !== 'cd') continue;
        const suggestion = workdirSuggestion(context, run, command);
        context.report({
          range: run.range(command.start, command.end),
          message: 'cd changes the directory only for this RUN; use WORKDIR to set it for the instructions that follow',
          ...(suggestion ? { suggestions: [suggestion] } : {}),
        });
      }
    }
  },
});

/**
 * `RUN cd /dir && rest` → `WORKDIR /dir` + `RUN rest` (+ `WORKDIR <before>`), for a RUN whose
 * first top-level command is a `cd` to a literal absolute path; undefined for any other `cd`.
 */
function workdirSuggestion(context: DockerfileContext, run: RunScript, command: ShellCommand): Suggestion | undefined {
  const { script } = run;
  const next = script.commands[1];
  const dir = command.args[0]?.value;
  if (run.form !== 'shell' || script.hasError || script.commands[0] !== command || command.pipeline !== null || !next) return undefined;
  if (command.args.length !== 1 || !dir || !dir.startsWith('/') || /[\s'"\\$]/.test(dir) || script.text.slice(0, command.start).trim() !== '') return undefined;
  const between = script.text.slice(command.end, next.start).trim();
  if (between !== '&&' && between !== ';') return undefined;
  const { lines } = context;
  const eol = lineEndingOf(context.text);
  const stage = run.stage;
  const workdir = keywordInCaseOf(stage, 'WORKDIR');
  const runStart = run.run.getRange().start;
  const indent = /^[ \t]*/.exec(lines.lineText(runStart.line))?.[0] ?? '';
  const before = { line: runStart.line, character: 0 };
  const edits: TextEdit[] = [
    { range: { start: before, end: before }, newText: `${indent}${workdir} ${dir}${eol}` },
    { range: run.range(command.start, next.start), newText: '' },
  ];
  const following = stage.instructions[stage.instructions.indexOf(run.run) + 1];
  const title = `Move cd ${dir} into WORKDIR ${dir}`;
  if (following instanceof Workdir && (following.getArguments()[0]?.getValue() ?? '').startsWith('/')) return { title, edits };
  const previous = directoryBefore(stage, run.run);
  if (previous === null) {
    return { title, edits, disabledReason: `the directory before this RUN is the base image's, unknown here: a WORKDIR would keep ${dir} for the instructions after it` };
  }
  const endLine = run.run.getRange().end.line;
  const restore = `${indent}${workdir} ${previous}`;
  if (endLine + 1 < lines.lineCount) {
    const after = { line: endLine + 1, character: 0 };
    edits.push({ range: { start: after, end: after }, newText: `${restore}${eol}` });
  } else {
    const end = { line: endLine, character: lines.lineText(endLine).length };
    edits.push({ range: { start: end, end }, newText: `${eol}${restore}` });
  }
  return { title: `${title} (and back to ${previous} after it)`, edits };
}

/** The absolute directory the last WORKDIR before `instruction` set, in its stage or the stages it is built FROM; null when none did (or it needs a variable). */
function directoryBefore(stage: Stage, instruction: Instruction): string | null {
  for (let s: Stage | null = stage, limit: Instruction | null = instruction; s; s = s.base.stage, limit = null) {
    const end = limit ? s.instructions.indexOf(limit) : s.instructions.length;
    for (let i = end - 1; i >= 0; i--) {
      const candidate = s.instructions[i];
      if (!(candidate instanceof Workdir)) continue;
      const value = candidate.getArguments().map((a) => a.getValue()).join(' ');
      return value.startsWith('/') && !/[\s$]/.test(value) ? value : null;
    }
  }
  return null;
}

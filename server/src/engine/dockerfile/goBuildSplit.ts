import { Cmd, Entrypoint, Env, Healthcheck, Label, Run, Stopsignal, Volume, Workdir, type Instruction } from 'dockerfile-ast';
import type { Stage } from '../../parse/dockerfileModel';
import { withVersion } from '../catalogue/imageTags';
import type { ConcreteAlternative, ImageFacts } from '../catalogue/lookup';
import type { SwapSource } from './baseImageSwap';
import type { TextEdit } from '../types';
import { execWords } from './execForm';
import { keywordInCaseOf, lineEndingOf } from './stageEdits';

/**
 * Turns a final stage that builds a Go program into the classic two stages: the stage keeps
 * building (named, and on a supported Go when its line has ended), and a new final stage on the
 * runtime image copies the binary that `go build -o PATH` wrote, with the stage's ENV, WORKDIR
 * and its startup and metadata instructions (CMD/ENTRYPOINT in exec form, EXPOSE, LABEL,
 * VOLUME, STOPSIGNAL) moved over. A runtime without libc gets `CGO_ENABLED=0` on the build.
 * Only the binary is copied: the title says so, and files the program reads at run time must be
 * copied by hand.
 */
export function splitIntoBuildAndRuntime(context: SwapSource, chain: readonly Stage[], current: ImageFacts, to: ConcreteAlternative): { edits: TextEdit[] } | { problem: string } {
  const stage = chain[0];
  if (!stage || chain.length > 1) return { problem: 'the final stage builds on another stage: split the build by hand' };
  if (current.family.id !== 'golang') return { problem: `the action knows how to copy only Go binaries; move the build of this ${current.family.title} program into a stage of its own` };
  const build = findGoBuild(stage);
  if (!build) return { problem: 'no `go build -o PATH` in this stage to copy the binary from: add -o with an absolute path' };
  const lines = context.lines;
  const eol = lineEndingOf(lines.text);
  const name = freshStageName(context, 'build');
  const edits: TextEdit[] = [];
  const fromEnd = stage.base.range.end;
  const newBuilder = to.buildOn ? withVersion(stage.base.written, to.buildOn) : null;
  if (newBuilder) edits.push({ range: stage.base.range, newText: newBuilder });
  if (stage.name) {
    // Keep the user's name for the build stage.
  } else edits.push({ range: { start: fromEnd, end: fromEnd }, newText: ` ${keywordInCaseOf(stage, 'AS')} ${name}` });
  const buildName = stage.name ?? name;
  if (to.alternative.facts.libc === 'none' && !/CGO_ENABLED=0/.test(stage.instructions.map((i) => i.getTextContent()).join('\n'))) {
    edits.push({ range: { start: build.goAt, end: build.goAt }, newText: 'CGO_ENABLED=0 ' });
  }
  const moved: string[] = [];
  for (const instruction of stage.instructions) {
    if (instruction instanceof Healthcheck) return { problem: `HEALTHCHECK on line ${instruction.getRange().start.line + 1} runs a command the runtime image does not have` };
    if (!MOVED.some((type) => instruction instanceof type) && !MOVED_KEYWORDS.has(instruction.getKeyword())) continue;
    const text = movedText(instruction);
    if (typeof text !== 'string') return text;
    moved.push(text);
    const { start, end } = instruction.getRange();
    edits.push({ range: { start: { line: start.line, character: 0 }, end: end.line + 1 < lines.lineCount ? { line: end.line + 1, character: 0 } : { line: end.line, character: lines.lineText(end.line).length } }, newText: '' });
  }
  const kw = (k: string): string => keywordInCaseOf(stage, k);
  const workdir = stage.instructions.filter((i): i is Workdir => i instanceof Workdir).pop();
  const envs = stage.instructions.filter((i) => i instanceof Env).map((i) => i.getTextContent());
  const hasStart = moved.some((m) => /^(?:cmd|entrypoint)\b/i.test(m));
  const runtime = [
    `${kw('FROM')} ${to.image}`,
    ...envs,
    ...(workdir ? [workdir.getTextContent()] : []),
    `${kw('COPY')} --from=${buildName} ${build.output} ${build.output}`,
    ...moved,
    ...(hasStart ? [] : [`${kw('ENTRYPOINT')} ${JSON.stringify([build.output]).replace(',', ', ')}`]),
  ];
  const lastLine = lines.lineCount - 1;
  const end = { line: lastLine, character: lines.lineText(lastLine).length };
  const lead = lines.lineText(lastLine) === '' ? eol : `${eol}${eol}`;
  edits.push({ range: { start: end, end }, newText: `${lead}${runtime.join(eol)}${eol}` });
  return { edits };
}

const MOVED = [Cmd, Entrypoint, Label, Volume, Stopsignal];
const MOVED_KEYWORDS = new Set(['EXPOSE']);

/** The instruction as the runtime stage should hold it: CMD and ENTRYPOINT in exec form. */
function movedText(instruction: Instruction): string | { problem: string } {
  if (!(instruction instanceof Cmd || instruction instanceof Entrypoint)) return instruction.getTextContent().replace(/\r?\n$/, '');
  const read = execWords(instruction);
  if ('problem' in read) return read;
  return `${instruction.getInstruction()} [${read.words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/**
 * The first `go build` whose own command (up to `&`, `|`, `;` or a line end) has `-o PATH`: its
 * offset and the path as written. Read per command, so a long RUN costs linear time.
 */
function goBuildOutput(text: string): { index: number; 1: string } | null {
  const builds = /\bgo\s+build\b/g;
  for (let b = builds.exec(text); b; b = builds.exec(text)) {
    const from = b.index + b[0].length;
    const stop = text.slice(from).search(/[&|;\n]/);
    const command = stop === -1 ? text.slice(from) : text.slice(from, from + stop);
    const o = /\s-o(?:=|\s+)(\S+)/.exec(command);
    if (o?.[1]) return { index: b.index, 1: o[1] };
  }
  return null;
}

/** `go build … -o /out/app …` in a RUN of the stage: where `go` starts, and the absolute output path. */
function findGoBuild(stage: Stage): { goAt: { line: number; character: number }; output: string } | null {
  for (const instruction of stage.instructions) {
    if (!(instruction instanceof Run)) continue;
    const text = instruction.getTextContent();
    const m = goBuildOutput(text);
    if (!m) continue;
    let output = (m[1] ?? '').replace(/^["']|["']$/g, '');
    if (output.includes('$')) continue;
    if (!output.startsWith('/')) {
      const dir = workdirBefore(stage, instruction);
      if (!dir) continue;
      output = `${dir.replace(/\/$/, '')}/${output.replace(/^\.\//, '')}`;
    }
    if (output.endsWith('/')) continue;
    const goOffset = text.indexOf('go', m.index);
    return { goAt: positionInInstruction(instruction, goOffset), output };
  }
  return null;
}

function workdirBefore(stage: Stage, run: Instruction): string | null {
  let dir: string | null = null;
  for (const i of stage.instructions) {
    if (i === run) break;
    if (i instanceof Workdir) {
      const path = i.getArguments()[0]?.getValue() ?? '';
      if (path.includes('$')) return null;
      dir = path.startsWith('/') ? path : dir ? `${dir.replace(/\/$/, '')}/${path}` : null;
    }
  }
  return dir;
}

/** An offset in an instruction's text content as a document position (the content starts at its range start). */
function positionInInstruction(instruction: Instruction, offset: number): { line: number; character: number } {
  const before = instruction.getTextContent().slice(0, offset);
  const start = instruction.getRange().start;
  const newlines = before.split('\n');
  return newlines.length === 1 ? { line: start.line, character: start.character + offset } : { line: start.line + newlines.length - 1, character: (newlines[newlines.length - 1] ?? '').length };
}

function freshStageName(context: SwapSource, wanted: string): string {
  const taken = new Set(context.dockerfile.stages.map((s) => s.name));
  for (let n = 1; ; n++) {
    const name = n === 1 ? wanted : `${wanted}${n}`;
    if (!taken.has(name)) return name;
  }
}

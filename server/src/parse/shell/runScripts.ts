import { Run, type Dockerfile } from 'dockerfile-ast';
import { jsonArgumentsOf, type JsonArgument } from './jsonArguments';
import type { Position, Range } from '../../engine/types';
import type { Stage } from '../dockerfileModel';
import { LineIndex } from '../lineIndex';
import { parseShellScript, shellParserLoaded } from './bashParser';
import { heredocScriptOf, instructionOffset, shellSourceOf, type ShellSource } from './runSource';
import type { ShellScript, ShellWord } from './shellScript';
import { isPosixShell, shellsOfRuns } from './stageShells';

/**
 * One RUN as the rules read it: the commands its shell runs, with positions in the Dockerfile.
 * `form` says how BuildKit runs it: `shell` (`RUN cmd …`, through the stage's shell), `heredoc`
 * (`RUN <<EOF`, the body is the script), or `exec` (`RUN ["cmd", "arg"]`, no shell: one command).
 */
export interface RunScript {
  run: Run;
  stage: Stage;
  form: 'shell' | 'heredoc' | 'exec';
  /** The shell that runs it (`["/bin/sh", "-c"]`, or what `SHELL` set); empty in exec form. */
  shell: readonly string[];
  script: ShellScript;
  /** How the RUN's lines end in the file (the script's text has `\n` only): what an inserted line ends with. */
  lineEnd: '\n' | '\r\n';
  /** The Dockerfile range of script offsets `start`..`end`. */
  range(start: number, end: number): Range;
  position(offset: number): Position;
}

/** A RUN's text longer than this is not parsed (a generated blob, not something typed). */
const MAX_RUN_CHARS = 256 * 1024;
/** Parses kept across document versions: enough for every RUN of a few large open files. */
const CACHE_SIZE = 4096;

interface Parsed {
  form: RunScript['form'];
  script: ShellScript;
  source: ShellSource;
}

/** A RUN the shell parser failed on (say, nesting past the stack): its rules skip it. */
export interface UnreadableRun {
  run: Run;
  cause: string;
}

/** What reading the RUNs of one Dockerfile gave. */
export interface RunScripts {
  scripts: RunScript[];
  unreadable: UnreadableRun[];
}

/** Remembered in the cache like a parse, so a RUN the parser fails on costs one attempt per text. */
interface Failed {
  failed: string;
}

/**
 * Parses by the RUN's own text (and the escape character), so a keystroke re-parses only the
 * instruction it touched and every rule shares one parse. Least recently used entries go first.
 */
const cache = new Map<string, Parsed | Failed | null>();

function cached(key: string, parse: () => Parsed | Failed | null): Parsed | Failed | null {
  if (cache.has(key)) {
    const hit = cache.get(key) ?? null;
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const parsed = parse();
  cache.set(key, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return parsed;
}

/**
 * Every RUN of the Dockerfile whose shell the bash grammar reads, in order. RUNs under a
 * non-POSIX shell (`SHELL ["powershell", …]`, a Windows base's `cmd`, `# hadolint
 * shell=powershell`) and heredoc scripts with a foreign shebang (`#!/usr/bin/env python3`) are
 * left out rather than misread.
 */
export function runScriptsOf(text: string, ast: Dockerfile, stages: readonly Stage[]): RunScripts {
  // Without the parser every RUN would fail alike: that is the caller's error, not the RUNs'.
  if (!shellParserLoaded()) parseShellScript('');
  const lines = new LineIndex(text);
  const escape = ast.getEscapeCharacter();
  const shells = shellsOfRuns(stages, pragmaShell(text));
  const out: RunScripts = { scripts: [], unreadable: [] };
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (!(instruction instanceof Run)) continue;
      const start = lines.offset(instruction.getRange().start);
      const instructionText = text.slice(start, lines.offset(instruction.getRange().end));
      if (instructionText.length > MAX_RUN_CHARS) continue;
      const exec = instruction.getJSONStrings().length > 0;
      const shell = exec ? [] : (shells.get(instruction) ?? ['/bin/sh', '-c']);
      if (!exec && !isPosixShell(shell[0] ?? '')) continue;
      const parsed = cached(`${escape}\u0000${instructionText}`, () => parseOrFail(() => parseRun(instruction, instructionText, start, lines, escape)));
      if (parsed && 'failed' in parsed) out.unreadable.push({ run: instruction, cause: parsed.failed });
      else if (parsed) out.scripts.push(runScript(instruction, stage, shell, parsed, start, lines, instructionText.includes('\r\n') ? '\r\n' : '\n'));
    }
  }
  return out;
}

function parseOrFail(parse: () => Parsed | null): Parsed | Failed | null {
  try {
    return parse();
  } catch (e) {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
}

function runScript(run: Run, stage: Stage, shell: readonly string[], parsed: Parsed, base: number, lines: LineIndex, lineEnd: RunScript['lineEnd']): RunScript {
  const position = (offset: number): Position => lines.position(base + instructionOffset(parsed.source, offset));
  return { run, stage, form: parsed.form, shell, script: parsed.script, lineEnd, position, range: (s, e) => ({ start: position(s), end: position(e) }) };
}

function parseRun(run: Run, instructionText: string, base: number, lines: LineIndex, escape: string): Parsed | null {
  const json = run.getJSONStrings();
  if (json.length > 0) return execForm(jsonArgumentsOf(run), instructionText, base, lines);
  const first = run.getArguments()[0];
  if (!first) return null;
  const source = shellSourceOf(instructionText, lines.offset(first.getRange().start) - base, escape);
  const body = heredocScriptOf(source);
  if (body) {
    if (foreignShebang(body.text)) return null;
    return { form: 'heredoc', script: parseShellScript(body.text), source: body };
  }
  return { form: 'shell', script: parseShellScript(source.text), source };
}

/** `RUN ["apt-get", "install", "-y", "curl"]`: one command, its words the JSON strings. */
function execForm(json: readonly JsonArgument[], instructionText: string, base: number, lines: LineIndex): Parsed {
  const words: ShellWord[] = json.map((a) => ({
    text: lines.text.slice(lines.offset(a.range.start), lines.offset(a.range.end)),
    value: a.value,
    start: lines.offset(a.range.start) - base,
    end: lines.offset(a.range.end) - base,
  }));
  const [nameWord, ...args] = words as [ShellWord, ...ShellWord[]];
  const name = nameWord.value;
  const command = { name, program: name === null ? null : name.slice(name.lastIndexOf('/') + 1), nameWord, args, assignments: [], start: nameWord.start, end: (words[words.length - 1] as ShellWord).end, pipeline: null };
  const script: ShellScript = { text: instructionText, commands: [command], pipelines: [], hasError: false, end: command.end };
  return { form: 'exec', script, source: { text: instructionText, segments: [{ at: 0, from: 0, length: instructionText.length }] } };
}

/** A heredoc script that names an interpreter other than a POSIX shell. */
function foreignShebang(script: string): boolean {
  const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(script);
  if (!shebang) return false;
  const program = /(?:^|\/)env$/.test(shebang[1] as string) ? (shebang[2] ?? '') : (shebang[1] as string);
  return !isPosixShell(program);
}

/**
 * `# hadolint shell=powershell`: hadolint's way to say which shell the whole file's RUNs use.
 * Read from the text: at the top of the file `dockerfile-ast` takes it for a parser directive.
 */
function pragmaShell(text: string): string | null {
  return /^[ \t]*#[ \t]*hadolint[ \t]+shell[ \t]*=[ \t]*(\S+)/m.exec(text)?.[1] ?? null;
}


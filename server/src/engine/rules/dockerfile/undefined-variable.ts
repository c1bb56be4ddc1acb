import { Add, Arg, Copy, Env, Label, Run, Stopsignal, User, Volume, Workdir, type Instruction } from 'dockerfile-ast';
import { chainRoot } from '../../dockerfile/finalImage';
import { nearestName } from '../../dockerfile/nearestName';
import { propertiesOf } from '../../../parse/properties';
import { variableReferences } from '../../dockerfile/variableReferences';
import { defineRule, type DockerfileContext } from '../../rule';
import { keywordInCaseOf, lineEndingOf } from '../../dockerfile/stageEdits';
import type { Range, TextEdit } from '../../types';
import type { Stage } from '../../../parse/dockerfileModel';

/** The platform ARGs BuildKit declares in the global scope: a stage sees them only after `ARG NAME`. */
const PLATFORM_ARGS = new Set(['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT']);
/** Predefined ARGs a build passes without any declaration, and BuildKit's own settings: never reported. */
const PASSED_THROUGH = new Set(['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy', 'SOURCE_DATE_EPOCH']);
/**
 * Names base images set in their environment (PATH everywhere; the official images' `NODE_VERSION`,
 * `JAVA_HOME`, `LANG`…). The engine cannot see an image's environment offline, so a use of such a
 * name is never reported, except on `scratch`, which has none.
 */
const IMAGE_ENV = /^(?:PATH|HOME|HOSTNAME|LANG|LANGUAGE|LC_[A-Z]+|TZ|GOPATH|GOROOT|GOTOOLCHAIN|GPG_KEY|APP_UID|[A-Z][A-Z0-9]*_(?:VERSION|HOME|SHA256|SHA512|DOWNLOAD_URL|URL))$/;

/**
 * BuildKit UndefinedVar, the part that holds without the base image's environment, which the
 * engine cannot see offline (BuildKit reads it from the image config). Judged in the
 * instructions BuildKit expands (ENV, ARG defaults, LABEL values, ADD/COPY sources, destination,
 * `--chown`, `--chmod`, `--checksum`, WORKDIR, USER, VOLUME, STOPSIGNAL, `RUN --mount` options),
 * never in RUN, CMD or ENTRYPOINT, whose variables the shell resolves at run time. Reported: a
 * global ARG (or BuildKit's global platform ARGs) used in a stage that does not re-declare it; a
 * variable used above the ARG or ENV of the stage that declares it; a misspelling of a name in
 * scope (BuildKit's "did you mean", for other case, swapped, missing or extra letters). Names base images commonly set (`PATH`,
 * `*_VERSION`, `*_HOME`, `LANG`…) are left alone unless the stage is built on `scratch`.
 */
export default defineRule({
  meta: {
    id: 'undefined-variable',
    title: 'Variable used where it is not defined',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { buildkit: ['UndefinedVar'] },
    fixable: true,
    rationale:
      'A stage only sees the ARGs it declares itself: an `ARG VERSION=1.2` before the first FROM is visible to FROM lines, not inside a stage, so `COPY app-${VERSION}.tar /app/` copies `app-.tar` unless the stage says `ARG VERSION` again (the same goes for `TARGETARCH` and the other platform ARGs BuildKit declares globally). A variable used above the ARG or ENV that sets it is empty there, and a misspelt name (`$NODE_VERSON`) is simply empty. BuildKit substitutes empty strings and builds on, so the image is quietly wrong. Re-declare the global ARG in the stage (the fix inserts `ARG NAME` above its first use), move the declaration up, or correct the name. A misspelling is reported when a name in scope differs only in case, by two swapped neighbours or by one letter missing or extra; one letter replaced by another (`APP_UID` beside `APP_GID`) may well be another variable, and is left alone. Only the instructions BuildKit expands are judged; `RUN`, `CMD` and `ENTRYPOINT` are left to the shell. Unlike BuildKit, which reads the base image\'s environment, Seaworthy does not report names base images commonly set (`PATH`, `*_VERSION`, `*_HOME`, `LANG`), since it cannot see that environment offline.',
    compliant: { fileName: 'Dockerfile', text: 'ARG VERSION=1.2.0\nFROM alpine:3.22\nARG VERSION\nCOPY app-${VERSION}.tar.gz /opt/\nUSER 1000\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'ARG VERSION=1.2.0\nFROM alpine:3.22\nCOPY app-${VERSION}.tar.gz /opt/\nUSER 1000\n' },
  },
  check(context) {
    const model = context.dockerfile;
    const escape = model.ast.getEscapeCharacter();
    const globals = new Set(model.globalArgs.keys());
    const definedAtEnd = new Map<Stage, Set<string>>();
    for (const stage of model.stages) {
      const defined = new Set(stage.base.stage ? definedAtEnd.get(stage.base.stage) : []);
      definedAtEnd.set(stage, defined);
      const declaredAt = firstDeclarations(stage);
      const onScratch = chainRoot(stage).base.resolved?.toLowerCase() === 'scratch';
      const insertedFor = new Map<string, Instruction>();
      for (const instruction of stage.instructions) {
        const line = instruction.getRange().start.line;
        const setHere = new Set<string>();
        const reported = new Set<string>();
        for (const word of expandedWords(instruction, context)) {
          for (const ref of variableReferences(word.text, escape)) {
            const name = ref.name;
            if (defined.has(name) || setHere.has(name) || reported.has(name) || PASSED_THROUGH.has(name) || name.startsWith('BUILDKIT_')) continue;
            if (!onScratch && IMAGE_ENV.test(name)) continue;
            const range = { start: context.lines.position(word.offset + ref.start), end: context.lines.position(word.offset + ref.end) };
            const problem = describe(name, line, declaredAt, globals, defined);
            if (!problem) continue;
            reported.add(name);
            const report = { range, message: problem.message };
            if (problem.redeclare) {
              const first = insertedFor.get(name) ?? instruction;
              insertedFor.set(name, first);
              context.report({ ...report, fix: { title: `Declare ARG ${name} in this stage`, edits: [declareArgBefore(context, stage, first, name)] } });
            } else if (problem.suggest) {
              context.report({ ...report, suggestions: [{ title: `Use $${problem.suggest}`, edits: [{ range: nameRange(context, word.offset + ref.start, name), newText: problem.suggest }] }] });
            } else {
              context.report(report);
            }
          }
          // ARG reads its properties one after another; ENV expands every value before setting any.
          if (word.declares) (instruction instanceof Arg ? defined : setHere).add(word.declares);
        }
        if (instruction instanceof Arg || instruction instanceof Env) for (const property of propertiesOf(instruction)) defined.add(property.getName());
      }
    }
  },
});

interface Problem {
  message: string;
  /** The global ARG a stage must re-declare: fixable by inserting `ARG NAME`. */
  redeclare?: boolean;
  suggest?: string;
}

function describe(name: string, line: number, declaredAt: ReadonlyMap<string, { line: number; kind: string }>, globals: ReadonlySet<string>, defined: ReadonlySet<string>): Problem | null {
  const later = declaredAt.get(name);
  if (later && later.line > line) return { message: `$${name} is used before the ${later.kind} on line ${later.line + 1} that declares it, so it is empty here; move the ${later.kind} up` };
  if (globals.has(name)) return { message: `$${name} is a global ARG (declared before the first FROM), which a stage does not see until it says ARG ${name}; here it is empty`, redeclare: true };
  if (PLATFORM_ARGS.has(name)) return { message: `$${name} is one of BuildKit's global platform ARGs, which a stage does not see until it says ARG ${name}; here it is empty`, redeclare: true };
  const near = nearestName(name, [...defined, ...globals, 'PATH']);
  if (near) return { message: `$${name} is not defined (did you mean $${near}?)`, suggest: near };
  return null;
}

/** The first ARG or ENV of the stage that declares each name, with its line. */
function firstDeclarations(stage: Stage): Map<string, { line: number; kind: string }> {
  const out = new Map<string, { line: number; kind: string }>();
  for (const instruction of stage.instructions) {
    if (!(instruction instanceof Arg) && !(instruction instanceof Env)) continue;
    for (const property of propertiesOf(instruction)) {
      if (!out.has(property.getName())) out.set(property.getName(), { line: instruction.getRange().start.line, kind: instruction instanceof Arg ? 'ARG' : 'ENV' });
    }
  }
  return out;
}

interface ExpandedWord {
  text: string;
  offset: number;
  /** For an ARG or ENV property: the name it sets (after its value is read). */
  declares?: string;
}

/** The raw text of every part of `instruction` BuildKit expands, with its offset in the file. */
function expandedWords(instruction: Instruction, context: DockerfileContext): ExpandedWord[] {
  const word = (range: Range | null, declares?: string): ExpandedWord[] => {
    if (!range) return declares ? [{ text: '', offset: 0, declares }] : [];
    const offset = context.lines.offset(range.start);
    return [{ text: context.text.slice(offset, context.lines.offset(range.end)), offset, ...(declares ? { declares } : {}) }];
  };
  if (instruction instanceof Arg || instruction instanceof Env) return propertiesOf(instruction).flatMap((p) => word(p.getValueRange(), p.getName()));
  if (instruction instanceof Label) return propertiesOf(instruction).flatMap((p) => word(p.getValueRange()));
  if (instruction instanceof Run) return instruction.getFlags().filter((f) => f.getName().toLowerCase() === 'mount').flatMap((f) => word(f.getValueRange()));
  if (instruction instanceof Copy || instruction instanceof Add) {
    if (instruction instanceof Copy && instruction.getHeredocs().length > 0) return [];
    const flags = instruction.getFlags().filter((f) => ['chown', 'chmod', 'checksum'].includes(f.getName().toLowerCase()));
    return [...flags.flatMap((f) => word(f.getValueRange())), ...instruction.getArguments().flatMap((a) => word(a.getRange()))];
  }
  if (instruction instanceof Workdir || instruction instanceof User || instruction instanceof Volume || instruction instanceof Stopsignal) {
    return instruction.getArguments().flatMap((a) => word(a.getRange()));
  }
  return [];
}

/** `ARG NAME` on a line of its own above `instruction`, at its indentation, in the stage's keyword case and the file's line ending. */
function declareArgBefore(context: DockerfileContext, stage: Stage, instruction: Instruction, name: string): TextEdit {
  const start = { line: instruction.getRange().start.line, character: 0 };
  const lineText = context.text.slice(context.lines.offset(start), context.lines.offset(instruction.getRange().start));
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  return { range: { start, end: start }, newText: `${indent}${keywordInCaseOf(stage, 'ARG')} ${name}${lineEndingOf(context.text)}` };
}

/** The name of a reference at `start` (`$NAME` or `${NAME…`). */
function nameRange(context: DockerfileContext, start: number, name: string): Range {
  const from = start + (context.text[start + 1] === '{' ? 2 : 1);
  return { start: context.lines.position(from), end: context.lines.position(from + name.length) };
}

import { Add, Cmd, Copy, Entrypoint, Healthcheck, Run, Shell, User, type Instruction } from 'dockerfile-ast';
import type { Stage } from '../../parse/dockerfileModel';
import { withVersion } from '../catalogue/imageTags';
import type { ConcreteAlternative, ImageFacts } from '../catalogue/lookup';
import type { VariantFacts } from '../catalogue/types';
import type { DockerfileContext } from '../rule';
import type { Suggestion, TextEdit } from '../types';
import { execWords } from './execForm';
import { splitIntoBuildAndRuntime } from './goBuildSplit';

/** What a swap reads of a Dockerfile: its lines and model (a rule's context, or the editor's own parse). */
export type SwapSource = Pick<DockerfileContext, 'lines' | 'dockerfile'>;

/**
 * "Swap the base image" suggestions: one per alternative, in the catalogue's order (safest
 * first), each carrying every edit the move needs so that the Dockerfile still builds — or, where
 * it cannot be made to, the reason, shown greyed out in place of the action.
 *
 * What a move can break, and what is done about it:
 * - no shell in the target: RUN cannot run (the alternative is refused, unless it is a runtime
 *   for what the stage builds, then the stage is split); shell-form CMD/ENTRYPOINT are rewritten
 *   to exec form; HEALTHCHECK commands and SHELL refuse the move;
 * - the target's ENTRYPOINT is the runtime itself (distroless nodejs): a CMD that starts with
 *   `node` loses that word, and an ENTRYPOINT naming it gets the image's path;
 * - another package manager (apt → apk): RUN lines that use the old one, `useradd` or bash
 *   refuse the move, since package names and tools differ;
 * - a user name the target does not have (`USER node` on distroless): written as its UID, in
 *   USER and in `--chown`;
 * - another port (nginx-unprivileged listens on 8080): EXPOSE follows.
 */
export function swapSuggestions(context: SwapSource, chain: readonly Stage[], current: ImageFacts, alternatives: readonly ConcreteAlternative[]): Suggestion[] {
  return alternatives.map((alternative) => {
    const root = chain[0];
    const title = swapTitle(current, alternative, root?.base.written ?? current.repository);
    if (!root) return { title, edits: [], disabledReason: 'no stage to change' };
    if (root.base.written.includes('$')) {
      return { title, edits: [], disabledReason: `the image comes from ARG values (${root.base.written}): set them to ${alternative.image}` };
    }
    const result = alternative.alternative.split
      ? splitIntoBuildAndRuntime(context, chain, current, alternative)
      : inPlaceSwap(chain, current.facts, alternative);
    return 'problem' in result ? { title, edits: [], disabledReason: result.problem } : { title, edits: result.edits };
  });
}

type Outcome = { edits: TextEdit[] } | { problem: string };

function inPlaceSwap(chain: readonly Stage[], from: VariantFacts, to: ConcreteAlternative): Outcome {
  const root = chain[0] as Stage;
  const target = to.alternative.facts;
  const instructions = chain.flatMap((s) => s.instructions);
  const edits: TextEdit[] = [{ range: root.base.range, newText: to.image }];
  const runs = instructions.filter((i) => i instanceof Run);
  const firstRun = runs[0];
  if (from.toolchain && !target.toolchain && firstRun) {
    return { problem: `RUN on line ${firstRun.getRange().start.line + 1} may need the compiler this image drops: build in a stage of its own and COPY --from it` };
  }
  if (!target.shell) {
    const refusal = shelllessRefusal(instructions, runs);
    if (refusal) return { problem: refusal };
    const commands = startupEdits(instructions, target);
    if ('problem' in commands) return commands;
    edits.push(...commands.edits);
  } else if (target.packageManager !== from.packageManager) {
    const refusal = packageManagerRefusal(runs, from, target);
    if (refusal) return { problem: refusal };
  }
  edits.push(...userEdits(instructions, from, target), ...portEdits(instructions, from, target));
  return { edits };
}

/** Why a shell-less image cannot take over these instructions, or null. */
export function shelllessRefusal(instructions: readonly Instruction[], runs: readonly Instruction[]): string | null {
  const run = runs[0];
  if (run) return `RUN on line ${run.getRange().start.line + 1} needs a shell, which this image does not have: build in a stage of its own and COPY --from it`;
  const shell = instructions.find((i) => i instanceof Shell);
  if (shell) return `SHELL on line ${shell.getRange().start.line + 1} names a shell this image does not have`;
  const health = instructions.find((i) => i instanceof Healthcheck && i.getSubcommand()?.getValue().toUpperCase() !== 'NONE');
  if (health) return `HEALTHCHECK on line ${health.getRange().start.line + 1} runs a command this image does not have`;
  return null;
}

/** The last CMD and ENTRYPOINT in exec form, adjusted to an image whose ENTRYPOINT is the runtime. */
export function startupEdits(instructions: readonly Instruction[], target: VariantFacts): Outcome {
  const edits: TextEdit[] = [];
  const last = <T extends Instruction>(type: abstract new (...args: never[]) => T): T | undefined => instructions.filter((i): i is T => i instanceof type).pop();
  const entrypoint = last(Entrypoint);
  for (const instruction of [entrypoint, last(Cmd)]) {
    if (!instruction) continue;
    const read = execWords(instruction);
    if ('problem' in read) return read;
    let words = read.words;
    const runtime = target.entrypoint;
    const covered = runtime ? runtimePrefix(words, runtime) : 0;
    if (runtime && covered > 0) {
      // CMD after the image's own ENTRYPOINT (`/usr/bin/java -jar`) drops what that already says;
      // an ENTRYPOINT of ours names the program by the image's path.
      words = instruction instanceof Cmd && !entrypoint ? words.slice(covered) : [...runtime, ...words.slice(covered)];
    } else if (!read.edit) continue;
    const range = read.edit?.range ?? argumentsRange(instruction);
    if (range) edits.push({ range, newText: `[${words.map((w) => JSON.stringify(w)).join(', ')}]` });
  }
  return { edits };
}

function argumentsRange(instruction: Instruction): TextEdit['range'] | null {
  const args = instruction.getArguments();
  const first = args[0];
  const lastArg = args[args.length - 1];
  return first && lastArg ? { start: first.getRange().start, end: lastArg.getRange().end } : null;
}

/**
 * How many leading words of a command the image's ENTRYPOINT already says: the program (by name,
 * `node` for `/nodejs/bin/node`) and then its arguments as written (`-jar` of `java -jar`).
 */
function runtimePrefix(words: readonly string[], runtime: readonly string[]): number {
  if (!sameProgram(words[0] ?? '', runtime[0] ?? '')) return 0;
  let n = 1;
  while (n < runtime.length && words[n] === runtime[n]) n++;
  return n;
}

/** `node` and `/nodejs/bin/node`, `python` and `/usr/bin/python3`: the same program, version digits aside. */
function sameProgram(word: string, path: string): boolean {
  const base = (s: string): string => {
    const name = s.split('/').pop() ?? '';
    let end = name.length;
    while (end > 0 && /[\d.]/.test(name[end - 1] as string)) end--;
    return name.slice(0, end);
  };
  return base(word) !== '' && base(word) === base(path);
}

const TOOLS_BY_MANAGER: Record<string, RegExp> = {
  apt: /\b(?:apt-get|apt|dpkg|useradd|groupadd|usermod|bash)\b/,
  apk: /\b(?:apk|adduser|addgroup)\b/,
};

function packageManagerRefusal(runs: readonly Instruction[], from: VariantFacts, to: VariantFacts): string | null {
  const tools = from.packageManager ? TOOLS_BY_MANAGER[from.packageManager] : undefined;
  if (!tools) return null;
  for (const run of runs) {
    const m = tools.exec(run.getTextContent());
    if (m) return `RUN on line ${run.getRange().start.line + 1} uses ${m[0]}, which ${to.os} images do not have (${to.packageManager ?? 'no package manager'}): port it first`;
  }
  return null;
}

/** USER and `--chown` names the target lacks, written as the UIDs they had. */
export function userEdits(instructions: readonly Instruction[], from: VariantFacts, to: VariantFacts): TextEdit[] {
  const known = new Set(['root', to.user.name, ...(to.nonRootUser ? [to.nonRootUser.name] : [])]);
  const uids = new Map<string, number>([[from.user.name, from.user.uid], ...(from.nonRootUser ? [[from.nonRootUser.name, from.nonRootUser.uid] as [string, number]] : [])]);
  const rename = (name: string): string | null => (/^\d+$/.test(name) || known.has(name) ? null : uids.has(name) ? String(uids.get(name)) : null);
  const edits: TextEdit[] = [];
  for (const instruction of instructions) {
    if (instruction instanceof User) {
      const arg = instruction.getArguments()[0];
      if (!arg) continue;
      const [user = '', group] = arg.getValue().split(':');
      const newUser = rename(user);
      const newGroup = group === undefined ? null : rename(group);
      if (newUser || newGroup) edits.push({ range: arg.getRange(), newText: [newUser ?? user, ...(group !== undefined ? [newGroup ?? group] : [])].join(':') });
    } else if (instruction instanceof Copy || instruction instanceof Add) {
      for (const flag of instruction.getFlags()) {
        const range = flag.getValueRange();
        const value = flag.getValue();
        if (flag.getName().toLowerCase() !== 'chown' || !range || !value) continue;
        const parts = value.split(':');
        const renamed = parts.map((p) => rename(p) ?? p);
        if (renamed.some((p, i) => p !== parts[i])) edits.push({ range, newText: renamed.join(':') });
      }
    }
  }
  return edits;
}

/** EXPOSE of the port the old image listened on, moved to the one the new image listens on. */
export function portEdits(instructions: readonly Instruction[], from: VariantFacts, to: VariantFacts): TextEdit[] {
  const old = from.listens?.[0];
  const now = to.listens?.[0];
  if (old === undefined || now === undefined || old === now) return [];
  const edits: TextEdit[] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() !== 'EXPOSE') continue;
    for (const arg of instruction.getArguments()) {
      const m = /^(\d+)(\/\w+)?$/.exec(arg.getValue());
      if (m && Number(m[1]) === old) edits.push({ range: arg.getRange(), newText: `${now}${m[2] ?? ''}` });
    }
  }
  return edits;
}

/** "python:3.12-slim — Debian, keeps a shell and apt (no compiler), ~900 MB smaller". */
export function swapTitle(current: ImageFacts, to: ConcreteAlternative, written: string): string {
  const parts: string[] = [];
  if (to.alternative.split) parts.push('copies only the binary');
  if (to.movesTo) parts.push(to.movesTo === 'newest' ? `the newest ${current.family.title}` : `${current.family.title} ${to.movesTo}`);
  parts.push(to.alternative.summary);
  const before = current.facts.sizeMB;
  const after = to.alternative.facts.sizeMB;
  if (before !== undefined && after !== undefined && before - after >= 5) parts.push(`~${roundSize(before - after)} MB smaller`);
  if (to.alternative.access) parts.push(to.alternative.access);
  // The build stage's image as the split writes it: the FROM as written, on a supported line when its own has ended.
  const builder = to.buildOn ? (withVersion(written, to.buildOn) ?? written) : written;
  const verb = to.alternative.split ? `Build in ${builder}, run on ` : '';
  return `${verb}${to.image} — ${parts.join(', ')}`;
}

function roundSize(mb: number): number {
  const step = mb >= 200 ? 50 : mb >= 50 ? 10 : 5;
  return Math.round(mb / step) * step;
}

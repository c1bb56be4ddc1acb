import { Arg, Env, User, type Instruction } from 'dockerfile-ast';
import { ExpansionBudget, expandArgs, type BaseImage, type DockerfileModel, type Stage } from '../../parse/dockerfileModel';
import { propertiesOf } from '../../parse/properties';

/**
 * Who a stage's processes run as, following `FROM <earlier stage>` the way BuildKit does: the
 * last `USER` of the stage, else the last `USER` of the stage it builds on, and so on, else the
 * base image's own user.
 */
export type StageUser =
  | {
      kind: 'instruction';
      stage: Stage;
      instruction: User;
      /** `user[:group]` as written, and with variables substituted (null when one is unknown). */
      written: string;
      expanded: string | null;
      isRoot: boolean;
    }
  | { kind: 'image'; stage: Stage; base: BaseImage };

export function effectiveUser(model: DockerfileModel, stage: Stage): StageUser {
  let current = stage;
  for (;;) {
    const last = lastUserInstruction(current);
    if (last) {
      const written = last.getArguments().map((a) => a.getValue()).join(' ');
      const expanded = expandArgs(written, variablesBefore(model, current, last.getRange().start.line));
      return { kind: 'instruction', stage: current, instruction: last, written, expanded, isRoot: isRootUser(expanded) };
    }
    const parent = current.base.stage;
    if (!parent) return { kind: 'image', stage: current, base: current.base };
    current = parent;
  }
}

/** The stage's last `USER` that names a user: a bare `USER` (the build fails on it) sets nothing. */
export function lastUserInstruction(stage: Stage): User | undefined {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    const instruction = stage.instructions[i];
    if (instruction instanceof User && instruction.getArguments().length > 0) return instruction;
  }
  return undefined;
}

/**
 * An expanded `user[:group]` names uid 0 when its user part is `root` or all zeros. A user that
 * needs a variable with no known value (null) gets the benefit of the doubt (`USER $APP_UID` from
 * a .NET image).
 */
export function isRootUser(expanded: string | null): boolean {
  if (expanded === null) return false;
  const user = expanded.split(':')[0]?.trim() ?? '';
  return user === 'root' || /^0+$/.test(user);
}

/**
 * ARG and ENV values visible to an instruction of `stage` starting at `line`: ENV inherited from
 * the stages it builds on, then the stage's own ARG and ENV before that line. A stage ARG without
 * a default takes the global default, as BuildKit does.
 */
export function variablesBefore(model: DockerfileModel, stage: Stage, line: number): Map<string, string | undefined> {
  const variables = new Map<string, string | undefined>();
  const budget = new ExpansionBudget();
  const chain: Stage[] = [];
  for (let s: Stage | null = stage.base.stage; s; s = s.base.stage) chain.unshift(s);
  for (const ancestor of chain) collectVariables(ancestor.instructions, model, variables, Number.POSITIVE_INFINITY, false, budget);
  collectVariables(stage.instructions, model, variables, line, true, budget);
  return variables;
}

function collectVariables(instructions: readonly Instruction[], model: DockerfileModel, into: Map<string, string | undefined>, beforeLine: number, withArgs: boolean, budget: ExpansionBudget): void {
  for (const instruction of instructions) {
    if (instruction.getRange().start.line >= beforeLine) break;
    const isArg = instruction instanceof Arg;
    if (!(instruction instanceof Env) && !(isArg && withArgs)) continue;
    for (const property of propertiesOf(instruction)) {
      const name = property.getName();
      const value = property.getValue();
      if (value === null) {
        if (isArg) into.set(name, into.get(name) ?? model.globalArgs.get(name));
        continue;
      }
      into.set(name, expandArgs(value, into, budget) ?? undefined);
    }
  }
}

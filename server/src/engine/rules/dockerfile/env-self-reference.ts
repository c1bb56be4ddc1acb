import { Arg, Env } from 'dockerfile-ast';
import type { Stage } from '../../../parse/dockerfileModel';
import { propertiesOf } from '../../../parse/properties';
import { defineRule } from '../../rule';

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * hadolint DL3044: `ENV A=1 B=$A`, a property that refers to a variable an earlier property of
 * the same ENV sets. Exempt, as in hadolint, when the variable was already defined before the
 * ENV (by ENV or ARG in the stage or the stages it is built FROM): then the reference is to
 * that earlier value, on purpose or not, and reading it is well defined.
 */
export default defineRule({
  meta: {
    id: 'env-self-reference',
    title: 'ENV refers to a variable it sets itself',
    defaultSeverity: 'error',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3044'] },
    fixable: false,
    rationale:
      'All values of one ENV are expanded before any of its variables is set, so in `ENV DIR=/opt/app BIN=$DIR/bin` the `$DIR` is the value from before the instruction (usually empty) and `BIN` becomes `/bin`. Split the instruction: `ENV DIR=/opt/app` then `ENV BIN=$DIR/bin`.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nENV DIR=/opt/app\nENV BIN=$DIR/bin\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nENV DIR=/opt/app BIN=$DIR/bin\n' },
  },
  check(context) {
    // Only an ENV with a `$` can refer to anything: most files have none, and then nothing is read.
    const envs = context.dockerfile.ast.getInstructions().filter((i) => i instanceof Env);
    const { lines, text } = context;
    if (!envs.some((env) => text.slice(lines.offset(env.getRange().start), lines.offset(env.getRange().end)).includes('$'))) return;
    const definedAtEnd = new Map<Stage, Set<string>>();
    for (const stage of context.dockerfile.stages) {
      const defined = new Set(stage.base.stage ? definedAtEnd.get(stage.base.stage) : []);
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Env) && !(instruction instanceof Arg)) continue;
        const properties = propertiesOf(instruction);
        if (instruction instanceof Env) {
          const setHere = new Set<string>();
          for (const property of properties) {
            const range = property.getValueRange();
            const raw = range ? context.text.slice(context.lines.offset(range.start), context.lines.offset(range.end)) : '';
            for (const match of raw.matchAll(VARIABLE)) {
              const name = (match[1] ?? match[2]) as string;
              if (!setHere.has(name) || defined.has(name) || !range) continue;
              context.report({ range, message: `${property.getName()} refers to $${name}, which this same ENV sets: the value from before the ENV is used. Set ${name} in an ENV of its own first` });
              break;
            }
            setHere.add(property.getName());
          }
        }
        for (const property of properties) defined.add(property.getName());
      }
      definedAtEnd.set(stage, defined);
    }
  },
});

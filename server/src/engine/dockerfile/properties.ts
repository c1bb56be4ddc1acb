import type { Arg, Env, Label, Property } from 'dockerfile-ast';

/**
 * `getProperties()` of an ARG, ENV or LABEL, computed once per instruction: `dockerfile-ast`
 * re-reads the arguments on every call, and several rules read the same ENVs on each keystroke.
 * Instructions are new objects after every parse, so entries go with the parse.
 */
const memo = new WeakMap<Arg | Env | Label, Property[]>();

export function propertiesOf(instruction: Arg | Env | Label): Property[] {
  let properties = memo.get(instruction);
  if (!properties) {
    properties = instruction.getProperties();
    memo.set(instruction, properties);
  }
  return properties;
}

import { Arg, type Env, type Label, type Property } from 'dockerfile-ast';

/**
 * `getProperties()` of an ARG, ENV or LABEL. dockerfile-ast keeps the list on the instruction
 * after the first call, so no memo of our own is needed (a WeakMap keyed by instruction was one:
 * thousands of entries per parse, each an ephemeron the garbage collector must revisit). An
 * `ARG NAME=value` already built its one Property in its constructor (`getProperty()`);
 * `getProperties()` would re-read the arguments and build an equal second one, so that one is
 * handed out instead.
 */
const ONE = Symbol('seaworthy.argProperty');
type WithOne = Arg & { [ONE]?: Property[] };

export function propertiesOf(instruction: Arg | Env | Label): Property[] {
  if (instruction instanceof Arg) {
    const property = instruction.getProperty();
    if (property) return ((instruction as WithOne)[ONE] ??= [property]);
  }
  return instruction.getProperties();
}

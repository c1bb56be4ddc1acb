import { Instruction, ModifiableInstruction, type Argument, type Flag } from 'dockerfile-ast';
import { scanArguments } from './argumentScan';

/**
 * `dockerfile-ast` recomputes an instruction's arguments by re-scanning its text on every
 * `getArguments()` call, and its own constructors call it four to six times per RUN or COPY
 * (JSON form detection, flags, ranges). That scan was 60% of parsing a 300-line Dockerfile, the
 * cost of every keystroke. An instruction's text never changes after parsing, so the scan is done
 * once per instruction.
 *
 * The arguments are handed out as one frozen array, not a copy per call: a RUN of 4,000 commands
 * has 20,000 arguments, and twenty copies of an array that size per lint were about a tenth of
 * the lint (profiled; most of the rest is dockerfile-ast's own parse). The one caller that
 * changed the array, `ModifiableInstruction.getArguments()` (it shifted the flags off), is
 * replaced by one that slices them off once; anything else that tried to change it would throw,
 * not corrupt. The scan itself is our own (`argumentScan.ts`): the same arguments, far fewer objects.
 */
// `getRawArguments` is private in the typings; every argument accessor goes through it.
// The results are kept on the instruction itself: a WeakMap's entries made garbage collection the
// next cost.
const SCANNED = Symbol('seaworthy.scannedArguments');
const AFTER_FLAGS = Symbol('seaworthy.argumentsAfterFlags');
type Scanned = Instruction & { [SCANNED]?: readonly Argument[] };
type WithFlags = ModifiableInstruction & { [AFTER_FLAGS]?: readonly Argument[] };
const prototype = Instruction.prototype as unknown as { getRawArguments(this: Instruction): readonly Argument[] };
/** dockerfile-ast's own scan, which the tests compare ours with. */
export const dockerfileAstArguments = prototype.getRawArguments;

prototype.getRawArguments = function getRawArgumentsOnce(this: Scanned): readonly Argument[] {
  return (this[SCANNED] ??= Object.freeze(scanArguments(this)));
};

const modifiable = ModifiableInstruction.prototype as unknown as { getArguments(this: ModifiableInstruction): readonly Argument[]; getFlags(this: ModifiableInstruction): Flag[] };

modifiable.getArguments = function getArgumentsAfterFlags(this: WithFlags): readonly Argument[] {
  const cached = this[AFTER_FLAGS];
  if (cached) return cached;
  const all = prototype.getRawArguments.call(this);
  // `getFlags` reads the arguments through this method while it collects them (seeing no flags
  // yet, so all of them); only its finished answer is kept.
  const flags = this.getFlags();
  if (flags.length === 0) return all;
  return (this[AFTER_FLAGS] = Object.freeze(all.slice(flags.length)));
};

import { Instruction, type Argument } from 'dockerfile-ast';

/**
 * `dockerfile-ast` recomputes an instruction's arguments by re-scanning its text on every
 * `getArguments()` call, and its own constructors call it four to six times per RUN or COPY
 * (JSON form detection, flags, ranges). That scan was 60% of parsing a 300-line Dockerfile, the
 * cost of every keystroke. An instruction's text never changes after parsing, so the scan is done
 * once per instruction; callers get a copy, since `ModifiableInstruction.getArguments()` shifts
 * the flags off the array it receives.
 */
// `getRawArguments` is private in the typings; every argument accessor goes through it.
// The result is kept on the instruction itself: a WeakMap's entries made garbage collection the
// next cost.
const SCANNED = Symbol('seaworthy.scannedArguments');
type Scanned = Instruction & { [SCANNED]?: Argument[] };
const prototype = Instruction.prototype as unknown as { getRawArguments(this: Instruction): Argument[] };
const scan = prototype.getRawArguments;

prototype.getRawArguments = function getRawArgumentsOnce(this: Scanned): Argument[] {
  const args = (this[SCANNED] ??= scan.call(this));
  return args.slice();
};

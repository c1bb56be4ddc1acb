import { JSONInstruction, type Instruction } from 'dockerfile-ast';
import type { Range } from '../../engine/types';

export interface JsonArgument {
  /** The string as the builder reads it (JSON escapes resolved, blanks kept). */
  value: string;
  /** The range of the string, quotes included. */
  range: Range;
}

/** `dockerfile-ast` keeps each instruction's document (protected in its typings). */
type WithDocument = { document: { getText(range: Range): string } };

/**
 * The strings of an exec-form (JSON array) instruction, `RUN ["sh", "-c", "echo a b"]`, or an
 * empty list in shell form. `dockerfile-ast`'s `getJSONValue()` drops every blank inside a
 * string (`["a b", "/x"]` reads as `ab`), so each value is decoded here from the text of its
 * range; a string JSON cannot decode keeps the library's reading.
 */
export function jsonArgumentsOf(instruction: Instruction): JsonArgument[] {
  if (!(instruction instanceof JSONInstruction)) return [];
  const document = (instruction as unknown as WithDocument).document;
  return instruction.getJSONStrings().map((string) => {
    const range = string.getRange();
    let value: string;
    try {
      value = JSON.parse(document.getText(range)) as string;
    } catch {
      value = string.getJSONValue();
    }
    return { value, range };
  });
}

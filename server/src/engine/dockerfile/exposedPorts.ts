import type { Argument, Instruction } from 'dockerfile-ast';
import type { DockerfileModel } from '../../parse/dockerfileModel';

/** One word of an `EXPOSE` instruction (`8080`, `53/udp`, `127.0.0.1:8080:80`), with its instruction. */
export interface ExposedPort {
  instruction: Instruction;
  argument: Argument;
  written: string;
}

/** Every word of every `EXPOSE`, in file order: the one walk the EXPOSE rules share. */
export function exposedPorts(dockerfile: Pick<DockerfileModel, 'ast'>): ExposedPort[] {
  return dockerfile.ast
    .getInstructions()
    .filter((instruction) => instruction.getKeyword() === 'EXPOSE')
    .flatMap((instruction) => instruction.getArguments().map((argument) => ({ instruction, argument, written: argument.getValue() })));
}

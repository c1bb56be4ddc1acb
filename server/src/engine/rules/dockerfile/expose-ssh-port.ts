import type { Argument, Instruction } from 'dockerfile-ast';
import type { LineIndex } from '../../../parse/lineIndex';
import type { TextEdit } from '../../types';
import { deleteInstructionLines } from '../../dockerfile/instructionEdits';
import { exposedPorts } from '../../dockerfile/exposedPorts';
import { defineRule } from '../../rule';

/** `22`, `22/tcp`, `22/udp` (any case). */
const SSH_PORT = /^22(?:\/(?:tcp|udp|sctp))?$/i;

/** Removes `port` from the EXPOSE, or the whole instruction line when it is the only port. */
function removePort(lines: LineIndex, instruction: Instruction, port: Argument): TextEdit {
  const args = instruction.getArguments();
  if (args.length === 1) return deleteInstructionLines(lines, instruction);
  const index = args.indexOf(port);
  // Take the blank before the port (after it, for the first port) so the rest stays one space apart.
  const previous = args[index - 1];
  const next = args[index + 1];
  if (previous) return { range: { start: previous.getRange().end, end: port.getRange().end }, newText: '' };
  return { range: { start: port.getRange().start, end: next ? next.getRange().start : port.getRange().end }, newText: '' };
}

/** Trivy DS-0004: `EXPOSE 22`. The fix removes the port (or the instruction). */
export default defineRule({
  meta: {
    id: 'expose-ssh-port',
    title: 'SSH port 22 exposed',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'isolation',
    refs: { trivy: ['DS-0004'], checkov: ['CKV_DOCKER_1'] },
    fixable: true,
    rationale:
      'Exposing port 22 means the image runs an SSH server: another daemon with root-level keys to manage, a password or key to leak, and a way into the container that bypasses the orchestrator\'s access control and audit log. Containers are entered with `docker exec` or `kubectl exec`; EXPOSE only the ports the application serves. `EXPOSE` is documentation, so removing it changes no running behaviour, only what tooling opens.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nEXPOSE 8080\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nEXPOSE 22 8080\n' },
  },
  check(context) {
    for (const { instruction, argument: port, written } of exposedPorts(context.dockerfile)) {
      if (!SSH_PORT.test(written)) continue;
      context.report({
        range: port.getRange(),
        message: 'EXPOSE 22 advertises an SSH server in the container; use docker exec or kubectl exec to get in, and expose only the application\'s ports',
        fix: { title: 'Remove port 22 from EXPOSE', edits: [removePort(context.lines, instruction, port)] },
      });
    }
  },
});

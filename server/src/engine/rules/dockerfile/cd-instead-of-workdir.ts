import { defineRule } from '../../rule';

/**
 * hadolint DL3003 and Trivy DS-0013: `cd` among a RUN's commands. As hadolint, every `cd` is
 * reported (also in a subshell): the rule is in the `strict` profile because `cd dir && make`
 * is common and harmless in builder stages. No automatic fix: a WORKDIR changes the directory
 * for every later instruction, which the `cd` did not.
 */
export default defineRule({
  meta: {
    id: 'cd-instead-of-workdir',
    title: 'cd in RUN instead of WORKDIR',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'strict',
    refs: { hadolint: ['DL3003'], trivy: ['DS-0013'] },
    fixable: false,
    rationale:
      'A `cd` lasts only for the RUN it is in, so the next instruction silently starts in another directory, and relative paths in long `cd a && … && cd ../b` chains are hard to follow. `WORKDIR /path` states the directory once for every later RUN, COPY, CMD and ENTRYPOINT, and creates it if needed.',
    compliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25\nWORKDIR /src/app\nRUN go build ./...\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25\nRUN cd /src/app && go build ./...\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        if (command.program !== 'cd') continue;
        context.report({
          range: run.range(command.start, command.end),
          message: 'cd changes the directory only for this RUN; use WORKDIR to set it for the instructions that follow',
        });
      }
    }
  },
});

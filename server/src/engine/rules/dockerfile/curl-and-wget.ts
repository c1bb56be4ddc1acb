import { defineRule } from '../../rule';

/** hadolint DL4001 and Trivy DS-0014: both curl and wget run in one stage. Reported at the first use of the second one. */
export default defineRule({
  meta: {
    id: 'curl-and-wget',
    title: 'Both curl and wget used in a stage',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    profile: 'strict',
    refs: { hadolint: ['DL4001'], trivy: ['DS-0014'] },
    fixable: false,
    rationale:
      'curl and wget do the same job; installing both doubles the download tools in the image (and the code a scanner reports on) for nothing. Pick one for the whole Dockerfile. Style more than risk, hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/a https://example.com/a && curl -fsSLo /tmp/b https://example.com/b\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/a https://example.com/a\nRUN wget -qO /tmp/b https://example.com/b\n' },
  },
  check(context) {
    const seen = new Map<unknown, Set<string>>();
    for (const run of context.dockerfile.runs()) {
      const used = seen.get(run.stage) ?? new Set<string>();
      seen.set(run.stage, used);
      for (const command of run.script.commands) {
        const tool = command.program;
        if (tool !== 'curl' && tool !== 'wget') continue;
        const other = tool === 'curl' ? 'wget' : 'curl';
        if (used.has(other) && !used.has(tool)) {
          context.report({ range: run.range(command.start, command.end), message: `${tool} is used in a stage that also uses ${other}; use one of them` });
        }
        used.add(tool);
      }
    }
  },
});

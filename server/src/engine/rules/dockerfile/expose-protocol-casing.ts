import { exposedPorts } from '../../dockerfile/exposedPorts';
import { defineRule } from '../../rule';

/** BuildKit ExposeProtoCasing: `EXPOSE 53/UDP`. The fix writes the protocol in lower case. */
export default defineRule({
  meta: {
    id: 'expose-protocol-casing',
    title: 'EXPOSE protocol not in lower case',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'strict',
    refs: { buildkit: ['ExposeProtoCasing'] },
    fixable: true,
    rationale:
      'Docker records exposed ports as `8080/tcp`; a protocol written `TCP` or `Udp` is accepted by the builder today but read as written by other tools that list or compare the image\'s ports, so `53/UDP` and `53/udp` can count as two ports. BuildKit asks for lower case. Style only, hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM coredns/coredns:1.12.1\nEXPOSE 53/udp 53/tcp\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM coredns/coredns:1.12.1\nEXPOSE 53/UDP 53/tcp\n' },
  },
  check(context) {
    for (const { argument, written } of exposedPorts(context.dockerfile)) {
      const slash = written.lastIndexOf('/');
      const protocol = slash < 0 ? '' : written.slice(slash + 1);
      if (protocol === protocol.toLowerCase() || protocol.includes('$')) continue;
      const range = argument.getRange();
      const at = { line: range.start.line, character: range.start.character + slash + 1 };
      // Only a single-line word maps offsets to characters one to one.
      const fix = range.start.line === range.end.line && range.end.character - range.start.character === written.length
        ? { title: `Write ${protocol.toLowerCase()}`, edits: [{ range: { start: at, end: range.end }, newText: protocol.toLowerCase() }] }
        : undefined;
      context.report({ range, message: `EXPOSE ${written}: write the protocol in lower case, ${written.slice(0, slash + 1)}${protocol.toLowerCase()}`, ...(fix ? { fix } : {}) });
    }
  },
});

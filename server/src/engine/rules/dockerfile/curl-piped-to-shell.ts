import { defineRule } from '../../rule';

const DOWNLOADERS = new Set(['curl', 'wget']);
const INTERPRETERS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'python', 'python3', 'perl', 'ruby', 'node', 'php']);
/** Programs that run the next word as a command: `… | sudo bash`, `… | env sh`. */
const WRAPPERS = new Set(['sudo', 'env', 'doas']);

/**
 * A pipeline that feeds a download into an interpreter: `curl … | sh`, `wget -O- … | sudo bash
 * -s --`, `curl … | python3 -`. Found in the parsed pipeline, so a pipe inside a quoted string or
 * a comment is not one.
 */
export default defineRule({
  meta: {
    id: 'curl-piped-to-shell',
    title: 'Downloaded script piped into a shell',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    refs: {},
    fixable: false,
    rationale:
      '`curl https://… | sh` runs whatever the server sends at build time, unread and unverified: a compromised or hijacked host, a changed script or a truncated download (the shell runs the half it received) all go straight into the image, and two builds of the same Dockerfile can differ. Download the script to a file, check it against a known SHA-256 (`ADD --checksum=sha256:…` or `sha256sum -c`), then run it, or install the tool from a package with a pinned version.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM debian:12-slim\nADD --checksum=sha256:4f3c1a0e8a1f6b2e4d0c9b7a6e5f4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e https://example.com/install.sh /tmp/install.sh\nRUN sh /tmp/install.sh\n',
    },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh | sh\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      const commands = run.script.commands;
      for (const pipeline of run.script.pipelines) {
        const members = pipeline.commands.map((i) => commands[i]).filter((c) => c !== undefined);
        const download = members.findIndex((c) => DOWNLOADERS.has(c.program ?? ''));
        if (download === -1) continue;
        const shell = members.slice(download + 1).find((c) => {
          if (WRAPPERS.has(c.program ?? '')) return c.args.some((w) => INTERPRETERS.has((w.value ?? '').slice((w.value ?? '').lastIndexOf('/') + 1)));
          return INTERPRETERS.has(c.program ?? '');
        });
        if (!shell) continue;
        context.report({
          range: run.range(pipeline.start, pipeline.end),
          message: `what ${members[download]?.program} downloads is run by \`${run.script.text.slice(shell.start, shell.end)}\` without being checked; download it to a file, verify its SHA-256, then run it`,
        });
      }
    }
  },
});

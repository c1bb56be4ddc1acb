import { finalChain } from '../../dockerfile/finalImage';
import { aptGetInstall, skipsRecommends } from '../../dockerfile/packageManagers';
import { insertArgumentAfter } from '../../dockerfile/runEdits';
import { defineRule } from '../../rule';

/**
 * hadolint DL3015 and Trivy DS-0029, read from the parsed RUN: every `apt-get install` (also in
 * exec form and `RUN <<EOF` scripts) without `--no-install-recommends` or
 * `-o APT::Install-Recommends=false`. Unlike hadolint, stages that never reach the final image
 * (builders the final stage only copies from) are left alone: their extra packages are not shipped.
 */
export default defineRule({
  meta: {
    id: 'apt-get-installs-recommends',
    title: 'apt-get install without --no-install-recommends',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    refs: { hadolint: ['DL3015'], trivy: ['DS-0029'] },
    fixable: true,
    rationale:
      'By default `apt-get install` also installs every package the requested ones merely recommend: documentation tools, extra libraries, sometimes whole interpreters. They make the image larger and bring more code for vulnerability scanners to report and attackers to use, and nothing in the image asked for them. `--no-install-recommends` installs what was named and what it depends on. Only stages that end up in the final image are judged: a builder stage the final stage copies from may keep them.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM debian:12-slim\nRUN apt-get update \\\n  && apt-get install -y --no-install-recommends curl \\\n  && rm -rf /var/lib/apt/lists/*\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM debian:12-slim\nRUN apt-get update \\\n  && apt-get install -y curl \\\n  && rm -rf /var/lib/apt/lists/*\n',
    },
  },
  check(context) {
    const shipped = new Set(finalChain(context.dockerfile));
    for (const run of context.dockerfile.runs()) {
      if (!shipped.has(run.stage)) continue;
      for (const command of run.script.commands) {
        const install = aptGetInstall(command);
        if (!install || skipsRecommends(command)) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: 'apt-get install also installs the packages these recommend; add --no-install-recommends to install only what is named and its dependencies',
          fix: { title: 'Add --no-install-recommends', edits: [insertArgumentAfter(run, install, '--no-install-recommends')] },
        });
      }
    }
  },
});

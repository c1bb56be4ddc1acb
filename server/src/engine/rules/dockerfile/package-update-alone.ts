import { aptUpdate, apkAdd, aptGetInstall } from '../../dockerfile/packageManagers';
import { subcommandOf } from '../../../parse/shell/shellScript';
import { defineRule } from '../../rule';

/**
 * Trivy DS-0017: a RUN that refreshes the package index (`apt-get update`, `apt update`,
 * `apk update`) and installs nothing from it.
 */
export default defineRule({
  meta: {
    id: 'package-update-alone',
    title: 'Package index updated in a RUN of its own',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    refs: { cis: ['4.7'], trivy: ['DS-0017'], checkov: ['CKV_DOCKER_5'] },
    fixable: false,
    rationale:
      'The build cache keeps a RUN whose text has not changed: `RUN apt-get update` alone is run once and then reused for months, so a later `RUN apt-get install …` installs from that stale index (old versions, missing security fixes, or "404 Not Found" once the mirror has moved on). Update and install in the same RUN so that changing the package list also refreshes the index.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      const commands = run.script.commands;
      const update = commands.find((c) => aptUpdate(c) || subcommandOf(c, 'apk', ['update']));
      if (!update) continue;
      if (commands.some((c) => aptGetInstall(c) || subcommandOf(c, 'apt', ['install']) || apkAdd(c))) continue;
      context.report({
        range: run.range(update.start, update.end),
        message: `${update.program} update in a RUN that installs nothing: the build cache keeps this index while later RUNs install from it; update and install in the same RUN`,
      });
    }
  },
});

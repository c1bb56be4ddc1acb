import { unpinnedAptPackages } from '../../dockerfile/packageManagers';
import { defineRule } from '../../rule';

/** hadolint DL3008, with its exemptions (local `.deb` files and paths; a version from a variable counts as pinned). */
export default defineRule({
  meta: {
    id: 'apt-get-install-unpinned',
    title: 'apt-get install without package versions',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    profile: 'strict',
    refs: { hadolint: ['DL3008'] },
    fixable: false,
    rationale:
      'Without versions, `apt-get install curl` installs whatever the mirror has that day, so two builds of the same Dockerfile differ and a rebuild can pull in a regression. Pinning (`curl=8.5.0-2`) makes builds repeatable, at a cost: Debian and Ubuntu mirrors drop superseded versions, so pinned builds break until the pin is updated. That maintenance is why this rule is in the `strict` profile (see hadolint#884).',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        const unpinned = unpinnedAptPackages(command);
        if (unpinned.length === 0) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: `apt-get install without versions for ${unpinned.map((w) => w.value ?? w.text).join(', ')}; pin them (name=version) for repeatable builds`,
        });
      }
    }
  },
});

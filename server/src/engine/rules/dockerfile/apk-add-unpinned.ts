import { unpinnedApkPackages } from '../../dockerfile/packageManagers';
import { defineRule } from '../../rule';

/** hadolint DL3018, with its exemptions (local `.apk` files, `-X`/`--repository` and `--virtual` values). */
export default defineRule({
  meta: {
    id: 'apk-add-unpinned',
    title: 'apk add without package versions',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    profile: 'strict',
    refs: { hadolint: ['DL3018'] },
    fixable: false,
    rationale:
      'Without versions, `apk add curl` installs whatever the Alpine mirror has that day, so two builds differ. Pinning (`curl=8.14.1-r1`, or `curl~=8.14` for the latest patch) makes builds repeatable; Alpine keeps only the newest build of each package in a branch, so pins need updating, hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.22\nRUN apk add --no-cache curl~=8.14\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.22\nRUN apk add --no-cache curl\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        const unpinned = unpinnedApkPackages(command);
        if (unpinned.length === 0) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: `apk add without versions for ${unpinned.map((w) => w.value ?? w.text).join(', ')}; pin them (name=version or name~=version) for repeatable builds`,
        });
      }
    }
  },
});

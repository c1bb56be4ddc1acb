import { hasFlag } from '../../../parse/shell/shellScript';
import { rpmInstall } from '../../dockerfile/packageManagers';
import { insertArgumentAfter } from '../../dockerfile/runEdits';
import { defineRule } from '../../rule';

/** hadolint DL3030 (yum), DL3038 (dnf) and DL3034 (zypper), read from the parsed RUN; microdnf too. */
export default defineRule({
  meta: {
    id: 'rpm-install-without-yes',
    title: 'yum, dnf or zypper install without -y',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3030', 'DL3038', 'DL3034'] },
    fixable: true,
    rationale:
      'A build has no one to answer "Is this ok [y/N]": yum, dnf and zypper read the closed standard input as "no" and the RUN fails, or, with some versions, waits. `-y` (zypper also `--non-interactive`) makes the answer part of the Dockerfile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM rockylinux:9\nRUN dnf install httpd && dnf clean all\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        const found = rpmInstall(command);
        if (!found || hasFlag(command, ...found.manager.yes)) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: `${found.manager.program} ${found.install.value} without -y stops at its confirmation prompt, which a build cannot answer; add -y`,
          fix: { title: 'Add -y', edits: [insertArgumentAfter(run, found.install, '-y')] },
        });
      }
    }
  },
});

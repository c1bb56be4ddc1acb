import { defineRule } from '../../rule';
import { allLabels, labelKeyProblem } from '../../dockerfile/labels';

/** hadolint DL3048: a LABEL key outside Docker's key guidelines. Needs no schema. */
export default defineRule({
  meta: {
    id: 'label-key-invalid',
    title: 'LABEL key breaks Docker\'s key format',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'strict',
    refs: { hadolint: ['DL3048'] },
    fixable: false,
    rationale:
      'Docker asks label keys to be lower-case reverse-DNS names (`org.opencontainers.image.source`, `com.example.team`): letters, digits, `.` and `-`, starting with a letter and ending with a letter or digit, and keeps `com.docker.*`, `io.docker.*` and `org.dockerproject.*` for itself. Tools that read labels (registries, scanners, `docker inspect --format`, Kubernetes image policies) match keys exactly, so `Maintainer`, `version_1` or `app..name` end up as labels nobody finds. Not fixable: renaming a key breaks whoever reads the old one.',
    compliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.21\nLABEL org.opencontainers.image.authors="team@example.com"\nUSER 1000\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.21\nLABEL Maintainer="team@example.com"\nUSER 1000\n' },
  },
  check(context) {
    for (const label of allLabels(context.dockerfile)) {
      const problem = labelKeyProblem(label.key);
      if (problem) context.report({ range: label.range, message: `Label key "${label.key}" ${problem}; use a lower-case reverse-DNS key such as org.opencontainers.image.authors` });
    }
  },
});

import { unpinnedRpmPackages } from '../../dockerfile/packageManagers';
import { reportUnpinned } from '../../dockerfile/unpinnedPackages';
import { defineRule } from '../../rule';

/** hadolint DL3033 (yum), DL3041 (dnf) and DL3037 (zypper), and microdnf alike: a package without `-<version>` (zypper also `=`/`>=`). Groups, local `.rpm` files, paths and URLs are exempt. */
export default defineRule({
  meta: {
    id: 'rpm-install-unpinned',
    title: 'yum, dnf or zypper install without versions',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    profile: 'strict',
    refs: { hadolint: ['DL3033', 'DL3041', 'DL3037'] },
    fixable: false,
    rationale:
      '`dnf install -y httpd` installs whatever the repositories have that day, so two builds of the same Dockerfile differ and an update can break the image without any change to it. Pin versions (`httpd-2.4.62`), as the package manager accepts them. Pinned versions can disappear from mirrors, so pinning takes upkeep, hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM rockylinux/rockylinux:9-minimal\nRUN microdnf install -y httpd-2.4.62 && microdnf clean all\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM rockylinux/rockylinux:9-minimal\nRUN microdnf install -y httpd && microdnf clean all\n' },
  },
  check(context) {
    reportUnpinned(context, unpinnedRpmPackages, (command, names) => `${command.program} install without versions for ${names}; pin them (name-version)`);
  },
});

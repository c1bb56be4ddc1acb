import { unpinnedGoPackages } from '../../dockerfile/packageManagers';
import { reportUnpinned } from '../../dockerfile/unpinnedPackages';
import { defineRule } from '../../rule';

/** hadolint DL3062; unlike hadolint, `@latest` is reported too (it is no pin). Local packages are exempt. */
export default defineRule({
  meta: {
    id: 'go-install-unpinned',
    title: 'go install without a version',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    profile: 'strict',
    refs: { hadolint: ['DL3062'] },
    fixable: false,
    rationale:
      '`go install example.com/cmd/tool` (or `@latest`) builds whatever the module\'s newest release is on the day of the build, so two builds differ and a compromised release goes straight into the image. Pin a version (`@v1.2.3`); the module proxy and checksum database then make the build repeatable. Unlike hadolint, Seaworthy reports `@latest` as well, since it pins nothing. Keeping pins current takes effort, hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25\nRUN go install golang.org/x/tools/cmd/goimports@v0.38.0\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM golang:1.25\nRUN go install golang.org/x/tools/cmd/goimports@latest\n' },
  },
  check(context) {
    reportUnpinned(context, unpinnedGoPackages, (_command, names) => `go install without a version for ${names}; pin it (@vX.Y.Z)`);
  },
});

import { unpinnedNpmPackages } from '../../dockerfile/packageManagers';
import { reportUnpinned } from '../../dockerfile/unpinnedPackages';
import { defineRule } from '../../rule';

/** hadolint DL3016, with its exemptions (a bare `npm install`, local paths, tarballs, git URLs with a `#ref`). */
export default defineRule({
  meta: {
    id: 'npm-install-unpinned',
    title: 'npm install without package versions',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    profile: 'strict',
    refs: { hadolint: ['DL3016'] },
    fixable: false,
    rationale:
      '`npm install -g typescript` installs whatever the registry has that day, including a release published a minute ago by a compromised maintainer account, so two builds differ and a malicious release goes straight into the image. Pin the version (`typescript@5.9.3`), or install the project\'s dependencies from its lock file with `npm ci`. `@latest` is no pin. Keeping pins current takes effort, hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nRUN npm install -g typescript@5.9.3\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nRUN npm install -g typescript\n' },
  },
  check(context) {
    reportUnpinned(context, unpinnedNpmPackages, (_command, names) => `npm install without versions for ${names}; pin them (name@version) or install from the lock file with npm ci`);
  },
});

import { unpinnedGems } from '../../dockerfile/packageManagers';
import { reportUnpinned } from '../../dockerfile/unpinnedPackages';
import { defineRule } from '../../rule';

/** hadolint DL3028: `gem install <gem>` without `:<version>` or `-v`. */
export default defineRule({
  meta: {
    id: 'gem-install-unpinned',
    title: 'gem install without versions',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    profile: 'strict',
    refs: { hadolint: ['DL3028'] },
    fixable: false,
    rationale:
      '`gem install rails` installs whatever RubyGems has that day, so two builds differ and a compromised or broken release goes straight into the image. Pin the version (`gem install rails:8.0.2` or `-v 8.0.2`), or install from a `Gemfile.lock` with `bundle install`. Keeping pins current takes effort, hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM ruby:3.4-slim\nRUN gem install bundler:2.6.9\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM ruby:3.4-slim\nRUN gem install bundler\n' },
  },
  check(context) {
    reportUnpinned(context, unpinnedGems, (_command, names) => `gem install without versions for ${names}; pin them (name:version or -v version)`);
  },
});

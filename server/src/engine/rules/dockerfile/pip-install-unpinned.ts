import { unpinnedPipPackages } from '../../dockerfile/packageManagers';
import { defineRule } from '../../rule';

/** hadolint DL3013, with its exemptions (requirement and constraint files, `.`, versioned VCS URLs, wheels, paths). */
export default defineRule({
  meta: {
    id: 'pip-install-unpinned',
    title: 'pip install without package versions',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    profile: 'strict',
    refs: { hadolint: ['DL3013'] },
    fixable: false,
    rationale:
      '`pip install flask` installs whatever PyPI has that day, including a release published a minute ago, so two builds differ and a compromised or broken release goes straight into the image. Pin versions (`flask==3.1.2`) or install from a requirements or constraints file that does (ideally with `--require-hashes`). Keeping pins current takes effort, hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM python:3.13-slim\nRUN pip install --no-cache-dir flask==3.1.2\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM python:3.13-slim\nRUN pip install --no-cache-dir flask\n' },
  },
  check(context) {
    for (const run of context.dockerfile.runs()) {
      for (const command of run.script.commands) {
        const unpinned = unpinnedPipPackages(command);
        if (unpinned.length === 0) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: `pip install without versions for ${unpinned.map((w) => w.value ?? w.text).join(', ')}; pin them (name==version) or install from a requirements file that does`,
        });
      }
    }
  },
});

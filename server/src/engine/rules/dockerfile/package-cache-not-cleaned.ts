import { finalChain } from '../../dockerfile/finalImage';
import { cleansCache, rpmInstall } from '../../dockerfile/packageManagers';
import { appendCommand } from '../../dockerfile/runEdits';
import { hasCacheMountOver } from '../../dockerfile/runMounts';
import { defineRule } from '../../rule';

/**
 * hadolint DL3032 (yum), DL3040 (dnf), DL3036 (zypper) and Trivy DS-0015, DS-0019, DS-0020,
 * DS-0027 (microdnf): an install whose RUN does not empty the cache (`… clean all`, or `rm -rf`
 * of the cache directory), unless a cache or tmpfs mount covers it. Only stages that reach the
 * final image are judged.
 */
export default defineRule({
  meta: {
    id: 'package-cache-not-cleaned',
    title: 'yum, dnf or zypper cache left in the image',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    refs: { hadolint: ['DL3032', 'DL3040', 'DL3036'], trivy: ['DS-0015', 'DS-0019', 'DS-0020', 'DS-0027'] },
    fixable: true,
    rationale:
      'yum, dnf, microdnf and zypper keep repository metadata and downloaded packages in /var/cache, often a hundred megabytes or more. A layer keeps whatever its RUN leaves, and a later RUN cannot shrink it, so clean the cache in the same RUN that installed (`dnf clean all`, `zypper clean --all`), or mount a cache there.',
    compliant: { fileName: 'Dockerfile', text: 'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM rockylinux:9\nRUN dnf install -y httpd\n' },
  },
  check(context) {
    const shipped = new Set(finalChain(context.dockerfile));
    for (const run of context.dockerfile.runs()) {
      if (!shipped.has(run.stage)) continue;
      const reported = new Set<string>();
      for (const command of run.script.commands) {
        const found = rpmInstall(command);
        if (!found || reported.has(found.manager.program)) continue;
        const { manager } = found;
        if (run.script.commands.some((c) => cleansCache(c, manager)) || hasCacheMountOver(run.run, manager.cacheDir)) continue;
        reported.add(manager.program);
        const edit = appendCommand(run, manager.clean);
        context.report({
          range: run.range(command.start, command.end),
          message: `${manager.program} leaves its cache in this layer; clean it in the same RUN (${manager.clean})`,
          ...(edit ? { fix: { title: `Add ${manager.clean}`, edits: [edit] } } : {}),
        });
      }
    }
  },
});

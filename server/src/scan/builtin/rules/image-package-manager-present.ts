import { defineImageRule } from './imageRule';
import { PACKAGE_MANAGERS, programsPresent } from './minimalImagePrograms';

export default defineImageRule({
  meta: {
    id: 'image-package-manager-present',
    title: 'Package manager in the final image',
    severity: 'low',
    category: 'minimal-image',
    rationale:
      'The final image has a package manager. It lets anyone with code execution in the container install tools, and its database and dependencies add packages (and vulnerabilities) the application never uses.',
    fix: 'Install packages in a build stage and copy the result into a minimal final stage without a package manager (distroless, Chainguard, or scratch).',
  },
  check(image) {
    const found = programsPresent(image, PACKAGE_MANAGERS);
    return found.length > 0 ? [{ path: found[0] as string, message: `the final image has a package manager: ${found.join(', ')}` }] : [];
  },
});

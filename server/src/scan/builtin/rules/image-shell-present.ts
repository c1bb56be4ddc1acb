import { defineImageRule } from './imageRule';
import { programsPresent, SHELLS } from './minimalImagePrograms';

export default defineImageRule({
  meta: {
    id: 'image-shell-present',
    title: 'Shell in the final image',
    severity: 'low',
    category: 'minimal-image',
    rationale:
      "The final image has a shell. An attacker who gets code execution in the container uses it to explore, download tools and move on; an application image that runs one program does not need it. Distroless and Chainguard images, or `FROM scratch` with a static binary, leave it out.",
    fix: 'Build in a full image and copy only the application into a minimal final stage (distroless, Chainguard, or scratch).',
  },
  check(image) {
    const shells = programsPresent(image, SHELLS);
    return shells.length > 0 ? [{ path: shells[0] as string, message: `the final image has a shell: ${shells.join(', ')}` }] : [];
  },
});

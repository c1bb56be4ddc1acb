import { defineImageRule } from './imageRule';

/** `root`, `0`, `root:staff`, `0:0`, or no user at all (a container then runs as root). */
export function isRootUser(user: string | undefined): boolean {
  const name = (user ?? '').trim().split(':')[0] ?? '';
  return name === '' || name === 'root' || name === '0';
}

export default defineImageRule({
  meta: {
    id: 'image-runs-as-root',
    title: 'Image runs as root',
    severity: 'high',
    category: 'privilege',
    rationale:
      'A container started from this image runs its process as root (uid 0) unless the runtime overrides the user. A process that is root inside the container holds every capability the runtime grants, owns the files it can write, and is one kernel or runtime flaw away from root on the host.',
    fix: 'Create an unprivileged user in the Dockerfile and end with `USER 10001` (a numeric id, so Kubernetes can verify `runAsNonRoot`).',
  },
  check(image) {
    const user = image.config.config?.User;
    if (!isRootUser(user)) return [];
    return [{ message: user ? `the image runs as ${user}: set a non-root USER` : 'the image sets no user, so it runs as root: set a non-root USER', path: null }];
  },
});

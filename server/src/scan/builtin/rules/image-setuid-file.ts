import { finalFileHits, octalMode } from './fileHits';
import { defineImageRule } from './imageRule';

export default defineImageRule({
  meta: {
    id: 'image-setuid-file',
    title: 'Setuid or setgid file in the image',
    severity: 'medium',
    category: 'privilege',
    rationale:
      "A setuid or setgid executable runs with its owner's or group's rights whatever user starts it: a flaw in it lets an unprivileged process in the container become root. Containers rarely need them (`passwd`, `su`, `mount`), and `allowPrivilegeEscalation: false` only helps where it is set.",
    fix: 'Remove the bits in the Dockerfile (`RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`) or remove the programs; run with `allowPrivilegeEscalation: false`.',
  },
  check: (image) =>
    finalFileHits(image, (shown, meta) => {
      if (meta.type !== 'file' || (meta.mode & 0o6000) === 0) return null;
      const bits = [(meta.mode & 0o4000) !== 0 ? 'setuid' : '', (meta.mode & 0o2000) !== 0 ? 'setgid' : ''].filter(Boolean).join(' and ');
      return `${shown} is ${bits} (mode ${octalMode(meta)}, owner uid ${meta.uid})`;
    }),
});

import { finalFileHits, octalMode } from './fileHits';
import { defineImageRule } from './imageRule';

/** Where anyone may write by design (with the sticky bit on the folder). */
const SCRATCH = /^(?:tmp|var\/tmp|dev\/shm|run\/lock|var\/lock)(?:\/|$)/;

export default defineImageRule({
  meta: {
    id: 'image-world-writable-file',
    title: 'World-writable file or folder in the image',
    severity: 'medium',
    category: 'privilege',
    rationale:
      "A file or folder outside the temporary folders can be written by every user in the container. A compromised process running as any user can then change programs, configuration or data that another user, often root, trusts.",
    fix: 'Set the modes in the Dockerfile (`COPY --chmod=644`, `chmod o-w`), and give write access only to the user that needs it.',
  },
  check: (image) =>
    finalFileHits(image, (shown, meta, filePath) => {
      if (meta.type === 'symlink' || (meta.mode & 0o002) === 0 || SCRATCH.test(filePath)) return null;
      // A sticky world-writable folder (like /tmp) only lets owners delete their own files.
      if (meta.type === 'directory' && (meta.mode & 0o1000) !== 0) return null;
      return `${shown} is world-writable (mode ${octalMode(meta)})`;
    }),
});

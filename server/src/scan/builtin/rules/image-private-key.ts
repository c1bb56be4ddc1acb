import { defineImageRule } from './imageRule';
import { secretFileHits } from './fileHits';

export default defineImageRule({
  meta: {
    id: 'image-private-key',
    title: 'Private key in the image',
    severity: 'high',
    category: 'secrets',
    rationale:
      'A PEM private key is in one of the image layers. Whoever pulls the image has the key, whether the final file system still shows it or a later layer deleted it: each layer is a tar archive anyone can unpack.',
    fix: 'Keep keys out of the build context (`.dockerignore`), mount them at run time, or use `RUN --mount=type=secret` where the build needs one; a `rm` in a later step does not remove it. Replace the key that was published.',
  },
  check: (image) => secretFileHits(image, 'private-key'),
});

import { osHasEnded } from '../osRelease';
import { defineImageRule } from './imageRule';

export default defineImageRule({
  meta: {
    id: 'image-os-end-of-life',
    title: 'Operating system past its end of life',
    severity: 'high',
    category: 'supply-chain',
    rationale:
      "The image's operating system release (from `/etc/os-release`) no longer gets regular security updates: vulnerabilities found from now on stay unfixed in its packages. The dates come from Seaworthy's base-image catalogue.",
    fix: 'Rebuild on a supported release of the base image (the Dockerfile rule `base-image-end-of-life` suggests one).',
  },
  check(image) {
    const os = image.os;
    if (!os?.cycle || !osHasEnded(os, image.today)) return [];
    const extended = os.cycle.extendedUntil && os.cycle.extendedUntil > image.today ? `; extended support (LTS/ESM) runs until ${os.cycle.extendedUntil}` : '';
    return [{ path: '/etc/os-release', message: `${os.release} reached its end of life on ${os.cycle.eol}${extended}` }];
  },
});

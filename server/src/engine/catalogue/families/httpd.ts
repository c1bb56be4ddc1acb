import type { ImageFamily } from '../types';
import { alpine, CHECKED, debianSlim, DOCKER_LIBRARY } from './common';

/** Apache httpd 2.4 is the only maintained branch (2.2 ended in 2017, no exact day recorded here). */
const RELEASES = 'https://httpd.apache.org/ (2.4 is the maintained branch)';

/**
 * The default image is built on `debian:*-slim` (httpd binds 80 as root and runs workers as
 * www-data); Alpine trades glibc for musl rather than trimming, so neither is full-size.
 */
export const httpd: ImageFamily = {
  id: 'httpd',
  title: 'Apache httpd',
  repositories: ['httpd'],
  kind: 'server',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: [{ cycle: '2.4', eol: null, source: RELEASES, checked: CHECKED }],
  variants: [
    { name: 'alpine', words: ['alpine'], facts: alpine(60, { listens: [80] }), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'debian', words: [], facts: debianSlim(150, { listens: [80] }), source: DOCKER_LIBRARY, checked: CHECKED },
  ],
  alternatives: [{ image: 'httpd:{v-}alpine', summary: 'Alpine (musl), keeps a shell', facts: alpine(60, { listens: [80] }), source: DOCKER_LIBRARY, checked: CHECKED }],
};

import type { ImageFamily, ImageUser } from '../types';
import { alpine, CHECKED, debianSlim, DOCKER_LIBRARY } from './common';

/** Redis publishes no fixed end dates per line; the lines are listed so tags resolve, with eol null. */
const RELEASES = 'https://github.com/redis/redis/blob/unstable/SECURITY.md (supported versions, without end dates: none recorded here)';
const DOCKERFILES = 'https://github.com/redis/docker-library-redis (groupadd/useradd redis 999; entrypoint steps down from root with gosu)';
/** The image starts as root and its entrypoint drops to `redis` (999) for redis-server; `USER 999` works too. */
const REDIS_USER: ImageUser = { name: 'redis', uid: 999 };

export const redis: ImageFamily = {
  id: 'redis',
  title: 'Redis',
  repositories: ['redis'],
  kind: 'server',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: ['6.2', '7.0', '7.2', '7.4', '8.0', '8.2'].map((cycle) => ({ cycle, eol: null, source: RELEASES, checked: CHECKED })),
  // Built on debian:*-slim: Alpine changes the libc, not the contents, so neither is full-size.
  variants: [
    { name: 'alpine', words: ['alpine'], facts: alpine(45, { nonRootUser: REDIS_USER, listens: [6379] }), source: DOCKERFILES, checked: CHECKED },
    { name: 'debian', words: [], facts: debianSlim(120, { nonRootUser: REDIS_USER, listens: [6379] }), source: DOCKERFILES, checked: CHECKED },
  ],
  alternatives: [
    { image: 'redis:{v-}alpine', summary: 'Alpine (musl), keeps a shell', facts: alpine(45, { nonRootUser: REDIS_USER, listens: [6379] }), source: DOCKERFILES, checked: CHECKED },
  ],
};

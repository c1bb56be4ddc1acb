import type { ImageFamily, ImageUser } from '../types';
import { alpine, CHAINGUARD, CHECKED, debianFull, DOCKER_LIBRARY, shellless } from './common';

/** nginx.org supports the current stable and mainline branches; a branch ends when the next stable one is cut. */
const BRANCHES = 'https://nginx.org/en/download.html and https://nginx.org/en/CHANGES (a branch ends when the next stable branch is released)';
const UNPRIVILEGED = 'https://github.com/nginx/docker-nginx-unprivileged (USER 101, listens on 8080, pid in /tmp)';
/** The nginx user (UID 101): nginx-unprivileged runs as it. The official image has it too but is not built to run as it (pid and cache paths), so it is not offered there. */
const NGINX_USER: ImageUser = { name: 'nginx', uid: 101 };

export const nginx: ImageFamily = {
  id: 'nginx',
  title: 'nginx',
  repositories: ['nginx', 'nginxinc/nginx-unprivileged'],
  kind: 'server',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: [
    { cycle: '1.22', eol: '2023-04-11', source: BRANCHES, checked: CHECKED },
    { cycle: '1.23', eol: '2023-04-11', source: BRANCHES, checked: CHECKED },
    { cycle: '1.24', eol: '2024-04-23', source: BRANCHES, checked: CHECKED },
    { cycle: '1.25', eol: '2024-04-23', source: BRANCHES, checked: CHECKED },
    { cycle: '1.26', eol: '2025-04-23', source: BRANCHES, checked: CHECKED },
    { cycle: '1.27', eol: '2025-04-23', source: BRANCHES, checked: CHECKED },
    { cycle: '1.28', eol: null, source: BRANCHES, checked: CHECKED },
    { cycle: '1.29', eol: null, source: BRANCHES, checked: CHECKED },
  ],
  variants: [
    { name: 'unprivileged alpine', words: ['repo:unprivileged', 'alpine'], facts: alpine(50, { user: NGINX_USER, listens: [8080] }), source: UNPRIVILEGED, checked: CHECKED },
    { name: 'unprivileged', words: ['repo:unprivileged'], facts: debianFull(190, { user: NGINX_USER, listens: [8080] }), source: UNPRIVILEGED, checked: CHECKED },
    { name: 'alpine-slim', words: ['alpine', 'slim'], facts: alpine(12, { listens: [80] }), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'alpine', words: ['alpine'], facts: alpine(50, { listens: [80] }), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'full', words: [], facts: debianFull(190, { listens: [80] }), source: DOCKER_LIBRARY, checked: CHECKED },
  ],
  alternatives: [
    { image: 'nginx:{v-}alpine', summary: 'Alpine, keeps a shell and the modules', facts: alpine(50, { listens: [80] }), source: DOCKER_LIBRARY, checked: CHECKED },
    { image: 'nginx:{v-}alpine-slim', summary: 'Alpine without the extra modules, keeps a shell', facts: alpine(12, { listens: [80] }), source: DOCKER_LIBRARY, checked: CHECKED },
    {
      image: 'nginxinc/nginx-unprivileged:{v-}alpine',
      summary: 'Alpine, runs as UID 101, listens on 8080',
      facts: alpine(50, { user: NGINX_USER, listens: [8080] }),
      source: UNPRIVILEGED,
      checked: CHECKED,
    },
    {
      image: 'cgr.dev/chainguard/nginx:latest',
      summary: 'Wolfi, no shell, runs as UID 65532, listens on 8080 (free tier: :latest only)',
      facts: shellless('wolfi', 20, { listens: [8080] }),
      fixedVersion: 'newest',
      source: CHAINGUARD,
      checked: CHECKED,
    },
  ],
};

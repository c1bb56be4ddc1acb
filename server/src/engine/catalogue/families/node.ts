import type { ImageFamily, ImageUser } from '../types';
import { alpine, CHAINGUARD, CHECKED, debianFull, debianSlim, DISTROLESS, DOCKER_LIBRARY, shellless } from './common';

const RELEASES = 'https://github.com/nodejs/Release (schedule.json)';
/** The official node images create `node` (1000:1000) in every variant (docker-library/node Dockerfiles: `groupadd --gid 1000 node`). */
const NODE_USER: ImageUser = { name: 'node', uid: 1000 };

export const node: ImageFamily = {
  id: 'node',
  title: 'Node.js',
  repositories: ['node'],
  kind: 'runtime',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: [
    { cycle: '12', codenames: ['erbium'], eol: '2022-04-30', source: RELEASES, checked: CHECKED },
    { cycle: '14', codenames: ['fermium'], eol: '2023-04-30', source: RELEASES, checked: CHECKED },
    { cycle: '16', codenames: ['gallium'], eol: '2023-09-11', source: RELEASES, checked: CHECKED },
    { cycle: '17', eol: '2022-06-01', source: RELEASES, checked: CHECKED },
    { cycle: '18', codenames: ['hydrogen'], eol: '2025-04-30', source: RELEASES, checked: CHECKED },
    { cycle: '19', eol: '2023-06-01', source: RELEASES, checked: CHECKED },
    { cycle: '20', codenames: ['iron'], eol: '2026-04-30', source: RELEASES, checked: CHECKED },
    { cycle: '21', eol: '2024-06-01', source: RELEASES, checked: CHECKED },
    { cycle: '22', codenames: ['jod'], eol: '2027-04-30', source: RELEASES, checked: CHECKED },
    { cycle: '23', eol: '2025-06-01', source: RELEASES, checked: CHECKED },
    { cycle: '24', codenames: ['krypton'], eol: '2028-04-30', source: RELEASES, checked: CHECKED },
    { cycle: '25', eol: '2026-06-01', source: RELEASES, checked: CHECKED },
    { cycle: '26', eol: '2029-04-30', source: RELEASES, checked: CHECKED },
  ],
  variants: [
    { name: 'alpine', words: ['alpine'], facts: alpine(160, { nonRootUser: NODE_USER }), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'slim', words: ['slim'], facts: debianSlim(220, { nonRootUser: NODE_USER }), source: DOCKER_LIBRARY, checked: CHECKED },
    { name: 'full', words: [], facts: debianFull(1100, { nonRootUser: NODE_USER, buildTools: true }), source: DOCKER_LIBRARY, checked: CHECKED },
  ],
  alternatives: [
    { image: 'node:{v-}{os-}slim', summary: 'Debian, keeps a shell, npm and the node user', facts: debianSlim(220, { nonRootUser: NODE_USER }), source: DOCKER_LIBRARY, checked: CHECKED },
    { image: 'node:{v-}alpine', summary: 'Alpine (musl: native add-ons must be built for it), keeps a shell and npm', facts: alpine(160, { nonRootUser: NODE_USER }), source: DOCKER_LIBRARY, checked: CHECKED },
    {
      image: 'gcr.io/distroless/nodejs{c}-debian13:nonroot',
      summary: 'no shell or npm, runs as UID 65532',
      facts: shellless('debian', 140, { entrypoint: ['/nodejs/bin/node'] }),
      cycles: ['22', '24', '26'],
      source: DISTROLESS,
      checked: CHECKED,
    },
    {
      image: 'cgr.dev/chainguard/node:latest',
      summary: 'Wolfi, no shell or npm, runs as UID 65532 (free tier: :latest only)',
      facts: shellless('wolfi', 150, { entrypoint: ['/usr/bin/node'] }),
      fixedVersion: 'newest',
      source: CHAINGUARD,
      checked: CHECKED,
    },
  ],
};

import type { ImageFamily, ImageUser } from '../types';
import { alpine, CHECKED, debianSlim, DOCKER_LIBRARY } from './common';

const VERSIONING = 'https://www.postgresql.org/support/versioning/ (final release dates)';
const DOCKERFILES = 'https://github.com/docker-library/postgres (<major>/<os>/Dockerfile: Debian useradd --uid=999, Alpine adduser -u 70)';
/** The entrypoint starts as root and steps down to `postgres`: 999 on Debian, 70 (Alpine's standard) on Alpine. */
const POSTGRES_DEBIAN: ImageUser = { name: 'postgres', uid: 999 };
const POSTGRES_ALPINE: ImageUser = { name: 'postgres', uid: 70 };

export const postgres: ImageFamily = {
  id: 'postgres',
  title: 'PostgreSQL',
  repositories: ['postgres'],
  kind: 'server',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: [
    { cycle: '10', eol: '2022-11-10', source: VERSIONING, checked: CHECKED },
    { cycle: '11', eol: '2023-11-09', source: VERSIONING, checked: CHECKED },
    { cycle: '12', eol: '2024-11-21', source: VERSIONING, checked: CHECKED },
    { cycle: '13', eol: '2025-11-13', source: VERSIONING, checked: CHECKED },
    { cycle: '14', eol: '2026-11-12', source: VERSIONING, checked: CHECKED },
    { cycle: '15', eol: '2027-11-11', source: VERSIONING, checked: CHECKED },
    { cycle: '16', eol: '2028-11-09', source: VERSIONING, checked: CHECKED },
    { cycle: '17', eol: '2029-11-08', source: VERSIONING, checked: CHECKED },
    { cycle: '18', eol: null, source: VERSIONING, checked: CHECKED },
  ],
  // Built on debian:*-slim: Alpine changes the libc (and collation), not the contents, so neither is full-size.
  variants: [
    { name: 'alpine', words: ['alpine'], facts: alpine(270, { nonRootUser: POSTGRES_ALPINE, listens: [5432] }), source: DOCKERFILES, checked: CHECKED },
    { name: 'debian', words: [], facts: debianSlim(430, { nonRootUser: POSTGRES_DEBIAN, listens: [5432] }), source: DOCKERFILES, checked: CHECKED },
  ],
  alternatives: [
    {
      image: 'postgres:{v-}alpine',
      summary: 'Alpine (musl: text collation differs, reindex when moving data), keeps a shell',
      facts: alpine(270, { nonRootUser: POSTGRES_ALPINE, listens: [5432] }),
      source: DOCKERFILES,
      checked: CHECKED,
    },
  ],
};

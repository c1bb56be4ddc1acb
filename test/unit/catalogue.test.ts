import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FAMILIES } from '../../server/src/engine/catalogue/families';
import { compareVersions, readTag } from '../../server/src/engine/catalogue/imageTags';
import { alternativesFor, lookUpImage, type ImageFacts } from '../../server/src/engine/catalogue/lookup';
import { OS_RELEASES } from '../../server/src/engine/catalogue/osReleases';
import type { ImageFamily, ReleaseCycle, Sourced } from '../../server/src/engine/catalogue/types';
import { parseImageReference } from '../../server/src/parse/dockerfileModel';
import { REPO_ROOT } from '../support/paths';

const FAMILY_SOURCES = path.join(REPO_ROOT, 'server', 'src', 'engine', 'catalogue', 'families');
const FAMILY_BUILD = path.join(REPO_ROOT, 'out', 'server', 'src', 'engine', 'catalogue', 'families');
const CHECK_CATALOGUE = path.join(REPO_ROOT, 'scripts', 'check-catalogue.js');
const TODAY = new Date().toISOString().slice(0, 10);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(text: string): boolean {
  return DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/** Every dated entry once (tables shared by families, such as the Java lines, under their first owner), named for messages. */
function sourcedEntries(): { what: string; entry: Sourced }[] {
  const seen = new Set<Sourced>();
  const out: { what: string; entry: Sourced }[] = [];
  const push = (item: { what: string; entry: Sourced }): void => {
    if (!seen.has(item.entry)) out.push(item);
    seen.add(item.entry);
  };
  for (const [name, cycles] of Object.entries(OS_RELEASES)) for (const c of cycles) push({ what: `OS ${name} ${c.cycle}`, entry: c });
  for (const family of FAMILIES) {
    push({ what: family.id, entry: family });
    for (const c of family.cycles) push({ what: `${family.id} cycle ${c.cycle}`, entry: c });
    for (const v of family.variants) push({ what: `${family.id} variant ${v.name}`, entry: v });
    for (const a of family.alternatives) push({ what: `${family.id} alternative ${a.image}`, entry: a });
    if (family.deprecated) push({ what: `${family.id} deprecation`, entry: family.deprecated });
  }
  return out;
}

function factsOf(image: string): ImageFacts {
  return lookUpImage(parseImageReference(image) ?? assert.fail(`${image} does not parse`)) ?? assert.fail(`${image} is not in the catalogue`);
}

/** The alternatives offered for an image on 2026-12-02 (the day the data was checked). */
function alternativeImages(image: string): string[] {
  return alternativesFor(factsOf(image), '2026-12-02', () => true).map((a) => a.image);
}

/** What a family's alternatives become for a tag on each of its lines (and for no tag), with every template filled. */
function filledAlternatives(family: ImageFamily): Map<string, string[]> {
  const filled = new Map<string, string[]>();
  const tags = [null, 'latest', ...family.cycles.flatMap((c) => [c.cycle, `${c.cycle}-trixie`, `${c.cycle}-noble`])];
  for (const tag of tags) {
    const words = readTag(tag);
    const cycle = family.cycles.find((c) => c.cycle === words.version) ?? null;
    for (const variant of family.variants) {
      // As a root image, so that no alternative is held back for its user.
      const facts: ImageFacts = { family, repository: family.repositories[0] ?? '', tag: words, cycle, variant, facts: { ...variant.facts, user: { name: 'root', uid: 0 } }, os: null };
      for (const concrete of alternativesFor(facts, TODAY, () => true)) {
        filled.set(concrete.alternative.image, [...(filled.get(concrete.alternative.image) ?? []), concrete.image]);
      }
    }
  }
  return filled;
}

describe('base-image catalogue: integrity', () => {
  it('every family module under families/ is listed in families/index.ts', () => {
    const files = fs.readdirSync(FAMILY_SOURCES).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'common.ts');
    assert.ok(files.length >= 15, `only ${files.length} family files`);
    for (const file of files) {
      const exported = Object.values(require(path.join(FAMILY_BUILD, file.replace(/\.ts$/, '.js'))) as Record<string, unknown>);
      const families = exported.filter((v): v is ImageFamily => typeof v === 'object' && v !== null && 'repositories' in v && 'variants' in v);
      assert.ok(families.length > 0, `${file} exports no family`);
      for (const family of families) assert.ok(FAMILIES.includes(family), `${family.id} (${file}) is not listed in families/index.ts`);
    }
  });

  it('covers every family the issue names', () => {
    const repositories = new Set(FAMILIES.flatMap((f) => f.repositories));
    for (const name of ['node', 'python', 'golang', 'eclipse-temurin', 'openjdk', 'nginx', 'httpd', 'ubuntu', 'debian', 'alpine', 'ruby', 'php', 'mcr.microsoft.com/dotnet/aspnet', 'rust', 'redis', 'postgres', 'busybox', 'gcr.io/distroless/*', 'cgr.dev/chainguard/*', 'dhi.io/*']) {
      assert.ok(repositories.has(name), `no family claims ${name}`);
    }
  });

  it('every entry names its source and a real checked date that is not in the future', () => {
    const entries = sourcedEntries();
    assert.ok(entries.length > 300, `only ${entries.length} entries`);
    for (const { what, entry } of entries) {
      assert.ok(typeof entry.source === 'string' && entry.source.trim().length > 10, `${what}: no source`);
      assert.ok(isRealDate(entry.checked), `${what}: checked ${JSON.stringify(entry.checked)} is not a YYYY-MM-DD date`);
      assert.ok(entry.checked <= TODAY, `${what}: checked ${entry.checked} is in the future`);
    }
  });

  it('end-of-life dates are real dates, and extended support ends after regular support', () => {
    const tables: [string, readonly ReleaseCycle[]][] = [...Object.entries(OS_RELEASES), ...FAMILIES.map((f): [string, readonly ReleaseCycle[]] => [f.id, f.cycles])];
    for (const [name, cycles] of tables) {
      for (const c of cycles) {
        if (c.eol !== null) assert.ok(isRealDate(c.eol), `${name} ${c.cycle}: eol ${c.eol}`);
        if (c.extendedUntil) assert.ok(isRealDate(c.extendedUntil) && (c.eol === null || c.extendedUntil > c.eol), `${name} ${c.cycle}: extendedUntil ${c.extendedUntil}`);
      }
    }
  });

  it('release lines are listed in ascending version order', () => {
    for (const family of FAMILIES) {
      // Distroless lines are repository names (`python3-debian12`), not versions.
      if (!family.cycles.every((c) => /^\d+(?:\.\d+)*$/.test(c.cycle))) continue;
      for (let i = 1; i < family.cycles.length; i++) {
        const [a, b] = [family.cycles[i - 1]?.cycle ?? '', family.cycles[i]?.cycle ?? ''];
        assert.ok(compareVersions(a, b) < 0, `${family.id}: ${a} is listed before ${b}`);
      }
    }
  });

  it('lines that follow one another end in order (node odd lines, Java non-LTS, .NET STS and Ubuntu interim releases are short-lived by design, so they are not held to it)', () => {
    const sequential: [string, readonly ReleaseCycle[]][] = [
      ['debian', OS_RELEASES.debian],
      ['alpine', OS_RELEASES.alpine],
      ...FAMILIES.filter((f) => ['python', 'golang', 'ruby', 'php', 'postgres', 'nginx'].includes(f.id)).map((f): [string, readonly ReleaseCycle[]] => [f.id, f.cycles]),
    ];
    assert.equal(sequential.length, 8);
    for (const [name, cycles] of sequential) {
      let previous: ReleaseCycle | null = null;
      for (const c of cycles) {
        if (previous) {
          if (previous.eol === null) assert.equal(c.eol, null, `${name}: ${previous.cycle} has no end date but the later ${c.cycle} has ${c.eol}`);
          else if (c.eol !== null) assert.ok(c.eol >= previous.eol, `${name}: ${c.cycle} ends ${c.eol}, before ${previous.cycle} (${previous.eol})`);
        }
        previous = c;
      }
    }
  });

  it('every alternative template fills to an image reference that parses, for every line of its family', () => {
    for (const family of FAMILIES) {
      const filled = filledAlternatives(family);
      for (const alternative of family.alternatives) {
        const images = filled.get(alternative.image) ?? [];
        assert.ok(images.length > 0, `${family.id}: ${alternative.image} was never offered`);
        for (const image of images) {
          const ref = parseImageReference(image);
          assert.ok(ref, `${family.id}: ${alternative.image} → ${image} does not parse`);
          assert.doesNotMatch(image, /[{}]|:-|-$|--/, `${family.id}: ${alternative.image} → ${image}`);
          assert.match(ref.tag ?? '', /^\w[\w.-]{0,127}$/, `${family.id}: ${image} has no valid tag`);
        }
      }
    }
  });

  it('no two families claim the same repository, and family ids are unique', () => {
    const owner = new Map<string, string>();
    for (const family of FAMILIES) {
      for (const repository of family.repositories) {
        assert.equal(owner.get(repository), undefined, `${repository} is claimed by ${owner.get(repository)} and ${family.id}`);
        owner.set(repository, family.id);
      }
    }
    assert.equal(new Set(FAMILIES.map((f) => f.id)).size, FAMILIES.length);
  });
});

/** image → family id, variant name, release line, OS of the variant, UID it runs as, shell. */
const TAGS: [string, string, string, string | null, string, number, boolean][] = [
  ['python:3.12', 'python', 'full', '3.12', 'debian', 0, true],
  ['python:3.13-slim-trixie', 'python', 'slim', '3.13', 'debian', 0, true],
  ['python:3.11-alpine3.20', 'python', 'alpine', '3.11', 'alpine', 0, true],
  ['node:20', 'node', 'full', '20', 'debian', 0, true],
  ['node:iron-slim', 'node', 'slim', '20', 'debian', 0, true],
  ['node:22-alpine', 'node', 'alpine', '22', 'alpine', 0, true],
  ['golang:1.23', 'golang', 'full', '1.23', 'debian', 0, true],
  ['golang:1.24-alpine', 'golang', 'alpine', '1.24', 'alpine', 0, true],
  ['golang:1.25.1-bookworm', 'golang', 'full', '1.25', 'debian', 0, true],
  ['nginx:1.27', 'nginx', 'full', '1.27', 'debian', 0, true],
  ['nginx:1.28-alpine-slim', 'nginx', 'alpine-slim', '1.28', 'alpine', 0, true],
  ['nginxinc/nginx-unprivileged:1.28-alpine', 'nginx', 'unprivileged alpine', '1.28', 'alpine', 101, true],
  ['debian:bookworm', 'debian', 'full', '12', 'debian', 0, true],
  ['debian:trixie-slim', 'debian', 'slim', '13', 'debian', 0, true],
  ['docker.io/library/debian:buster', 'debian', 'full', '10', 'debian', 0, true],
  ['ubuntu:24.04', 'ubuntu', 'full', '24.04', 'ubuntu', 0, true],
  ['ubuntu:jammy', 'ubuntu', 'full', '22.04', 'ubuntu', 0, true],
  ['ubuntu:noble-20240827', 'ubuntu', 'full', '24.04', 'ubuntu', 0, true],
  ['alpine:3.20', 'alpine', 'alpine', '3.20', 'alpine', 0, true],
  ['alpine:3.22.1', 'alpine', 'alpine', '3.22', 'alpine', 0, true],
  ['alpine', 'alpine', 'alpine', null, 'alpine', 0, true],
  ['eclipse-temurin:21-jre-alpine', 'eclipse-temurin', 'jre alpine', '21', 'alpine', 0, true],
  ['eclipse-temurin:21', 'eclipse-temurin', 'jdk', '21', 'ubuntu', 0, true],
  ['eclipse-temurin:17-jdk-jammy', 'eclipse-temurin', 'jdk', '17', 'ubuntu', 0, true],
  ['eclipse-temurin:25-jre', 'eclipse-temurin', 'jre', '25', 'ubuntu', 0, true],
  ['eclipse-temurin:21-alpine', 'eclipse-temurin', 'jdk alpine', '21', 'alpine', 0, true],
  ['openjdk:17', 'openjdk', 'oracle', '17', 'oraclelinux', 0, true],
  ['openjdk:8', 'openjdk', 'full', '8', 'debian', 0, true],
  ['openjdk:11-jre-slim', 'openjdk', 'jre slim', '11', 'debian', 0, true],
  ['openjdk:17-jdk-slim-bullseye', 'openjdk', 'slim', '17', 'debian', 0, true],
  ['ruby:3.3', 'ruby', 'full', '3.3', 'debian', 0, true],
  ['ruby:3.4-slim-bookworm', 'ruby', 'slim', '3.4', 'debian', 0, true],
  ['ruby:2.7-alpine', 'ruby', 'alpine', '2.7', 'alpine', 0, true],
  ['php:8.3-fpm-alpine', 'php', 'fpm-alpine', '8.3', 'alpine', 0, true],
  ['php:8.2-apache', 'php', 'apache', '8.2', 'debian', 0, true],
  ['php:8.4-cli', 'php', 'cli', '8.4', 'debian', 0, true],
  ['php:7.4-fpm', 'php', 'fpm', '7.4', 'debian', 0, true],
  ['php:8.3-alpine', 'php', 'cli-alpine', '8.3', 'alpine', 0, true],
  ['rust:1.83', 'rust', 'full', null, 'debian', 0, true],
  ['rust:1-slim-bookworm', 'rust', 'slim', null, 'debian', 0, true],
  ['rust:alpine', 'rust', 'alpine', null, 'alpine', 0, true],
  ['mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled', 'dotnet-aspnet', 'ubuntu chiseled', '8.0', 'ubuntu', 1654, false],
  ['mcr.microsoft.com/dotnet/aspnet:9.0', 'dotnet-aspnet', 'debian', '9.0', 'debian', 0, true],
  ['mcr.microsoft.com/dotnet/aspnet:10.0', 'dotnet-aspnet', 'ubuntu', '10.0', 'ubuntu', 0, true],
  ['mcr.microsoft.com/dotnet/sdk:8.0', 'dotnet-sdk', 'debian', '8.0', 'debian', 0, true],
  ['mcr.microsoft.com/dotnet/sdk:9.0-alpine', 'dotnet-sdk', 'alpine', '9.0', 'alpine', 0, true],
  ['mcr.microsoft.com/dotnet/sdk:10.0-noble', 'dotnet-sdk', 'ubuntu', '10.0', 'ubuntu', 0, true],
  ['mcr.microsoft.com/dotnet/runtime:8.0-azurelinux3.0-distroless', 'dotnet-runtime', 'azure linux distroless', '8.0', 'azurelinux', 1654, false],
  ['mcr.microsoft.com/dotnet/runtime:6.0-bookworm-slim', 'dotnet-runtime', 'debian', '6.0', 'debian', 0, true],
  ['mcr.microsoft.com/dotnet/runtime:9.0-alpine3.21', 'dotnet-runtime', 'alpine', '9.0', 'alpine', 0, true],
  ['mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled', 'dotnet-runtime-deps', 'ubuntu chiseled', '8.0', 'ubuntu', 1654, false],
  ['mcr.microsoft.com/dotnet/runtime-deps:10.0-azurelinux3.0', 'dotnet-runtime-deps', 'azure linux', '10.0', 'azurelinux', 0, true],
  ['mcr.microsoft.com/dotnet/runtime-deps:9.0', 'dotnet-runtime-deps', 'debian', '9.0', 'debian', 0, true],
  ['httpd:2.4', 'httpd', 'debian', '2.4', 'debian', 0, true],
  ['httpd:2.4.62-alpine', 'httpd', 'alpine', '2.4', 'alpine', 0, true],
  ['httpd:alpine3.21', 'httpd', 'alpine', null, 'alpine', 0, true],
  ['redis:7.4', 'redis', 'debian', '7.4', 'debian', 0, true],
  ['redis:8.0-alpine', 'redis', 'alpine', '8.0', 'alpine', 0, true],
  ['redis:7.2.5-bookworm', 'redis', 'debian', '7.2', 'debian', 0, true],
  ['postgres:14-alpine', 'postgres', 'alpine', '14', 'alpine', 0, true],
  ['postgres:17', 'postgres', 'debian', '17', 'debian', 0, true],
  ['postgres:16.4-bookworm', 'postgres', 'debian', '16', 'debian', 0, true],
  ['busybox:1.36-musl', 'busybox', 'musl', '1.36', 'busybox', 0, true],
  ['busybox:1.37-glibc', 'busybox', 'glibc', '1.37', 'busybox', 0, true],
  ['busybox', 'busybox', 'glibc', null, 'busybox', 0, true],
  ['gcr.io/distroless/python3-debian12:nonroot', 'distroless', 'python3:nonroot', 'python3-debian12', 'debian', 65532, false],
  ['gcr.io/distroless/static-debian13', 'distroless', 'static', 'static-debian13', 'debian', 0, false],
  ['gcr.io/distroless/base-debian13:debug-nonroot', 'distroless', 'base:debug-nonroot', 'base-debian13', 'debian', 65532, true],
  ['gcr.io/distroless/java-base-debian13:debug', 'distroless', 'java-base:debug', 'java-base-debian13', 'debian', 0, true],
  ['gcr.io/distroless/nodejs24-debian13:nonroot-arm64', 'distroless', 'nodejs24:nonroot', 'nodejs24-debian13', 'debian', 65532, false],
  ['cgr.dev/chainguard/python:latest-dev', 'chainguard', 'dev', null, 'wolfi', 0, true],
  ['cgr.dev/chainguard/node:latest', 'chainguard', 'runtime', null, 'wolfi', 65532, false],
  ['cgr.dev/chainguard/wolfi-base', 'chainguard', 'wolfi-base', null, 'wolfi', 0, true],
  ['cgr.dev/chainguard/go:latest-dev', 'chainguard', 'go dev', null, 'wolfi', 0, true],
  ['dhi.io/python:3.13', 'dhi', 'runtime', null, 'debian', 65532, false],
  ['dhi.io/python:3.13-debian13-dev', 'dhi', 'dev', null, 'debian', 0, true],
  ['dhi.io/node:22-alpine3.22', 'dhi', 'alpine', null, 'alpine', 65532, false],
  ['dhi.io/golang:1.24-sdk', 'dhi', 'sdk', null, 'debian', 0, true],
  ['acme/dhi-python:3.13-alpine3.22-dev', 'dhi', 'dev alpine', null, 'alpine', 0, true],
  ['docker.io/acme/dhi-node:22', 'dhi', 'runtime', null, 'debian', 65532, false],
];

describe('base-image catalogue: real tags', () => {
  it('every family has at least three tags in the table', () => {
    for (const family of FAMILIES) assert.ok(TAGS.filter((t) => t[1] === family.id).length >= 3, `${family.id} has fewer than three tags below`);
  });

  for (const [image, family, variant, cycle, os, uid, shell] of TAGS) {
    it(`${image} is ${family} / ${variant} / ${cycle ?? 'no line'} on ${os}`, () => {
      const ref = parseImageReference(image);
      assert.ok(ref);
      const facts = lookUpImage(ref);
      assert.ok(facts, `${image} is not in the catalogue`);
      assert.deepEqual(
        { family: facts.family.id, variant: facts.variant.name, cycle: facts.cycle?.cycle ?? null, os: facts.facts.os, uid: facts.facts.user.uid, shell: facts.facts.shell },
        { family, variant, cycle, os, uid, shell },
      );
    });
  }

  it('tags the catalogue cannot describe are left out rather than guessed', () => {
    const undescribed = ['eclipse-temurin:21-jdk-ubi9-minimal', 'busybox:1.36-uclibc', 'mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022', 'example.com/team/app:1.0'];
    // Only Docker Hub's `<org>/dhi-<name>` is a hardened-image mirror, not a path elsewhere or a deeper one.
    for (const image of [...undescribed, 'example.com/acme/dhi-python:3.13', 'ghcr.io/acme/dhi-node:22', 'acme/team/dhi-node:22', 'acme/python:3.13']) {
      assert.equal(lookUpImage(parseImageReference(image) ?? assert.fail(image)), null, image);
    }
  });

  it('toolchains and deprecation: JDK and SDK images are compilers, openjdk is deprecated for eclipse-temurin', () => {
    assert.equal(factsOf('eclipse-temurin:21-jdk').facts.toolchain, true);
    assert.equal(factsOf('eclipse-temurin:21-jre').facts.toolchain, false);
    assert.equal(factsOf('mcr.microsoft.com/dotnet/sdk:10.0').facts.toolchain, true);
    assert.equal(factsOf('mcr.microsoft.com/dotnet/aspnet:10.0').facts.toolchain, false);
    assert.equal(factsOf('rust:1.83-slim').facts.toolchain, true);
    assert.equal(factsOf('mcr.microsoft.com/dotnet/aspnet:10.0').facts.nonRootUser?.uid, 1654);
    assert.equal(factsOf('postgres:17-alpine').facts.nonRootUser?.uid, 70);
    assert.equal(factsOf('postgres:17').facts.nonRootUser?.uid, 999);
    const deprecated = factsOf('openjdk:17').family.deprecated;
    assert.equal(deprecated?.since, '2022-07');
    assert.match(deprecated?.replacement ?? '', /eclipse-temurin/);
    assert.equal(factsOf('eclipse-temurin:21').family.deprecated, undefined);
  });

  it('an openjdk image moves to the Temurin JRE of its line, and distroless Java only where a line exists', () => {
    assert.deepEqual(alternativeImages('openjdk:17-jdk-slim'), ['eclipse-temurin:17-jre', 'eclipse-temurin:17-jre-alpine', 'gcr.io/distroless/java17-debian13:nonroot', 'cgr.dev/chainguard/jre:latest']);
    assert.deepEqual(alternativeImages('openjdk:8'), ['eclipse-temurin:8-jre', 'eclipse-temurin:8-jre-alpine', 'cgr.dev/chainguard/jre:latest']);
    // Java 22 ended in September 2024: the move goes to the next supported line, 25.
    assert.equal(alternativeImages('eclipse-temurin:22-jdk-noble')[0], 'eclipse-temurin:25-jre-noble');
    assert.equal(alternativeImages('mcr.microsoft.com/dotnet/aspnet:10.0')[1], 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled');
  });

  it('a php image is offered the Alpine image of its own kind: FPM stays FPM, the CLI stays the CLI, apache has none', () => {
    assert.deepEqual(alternativeImages('php:8.3-fpm'), ['php:8.3-fpm-alpine']);
    assert.deepEqual(alternativeImages('php:8.3'), ['php:8.3-cli-alpine', 'cgr.dev/chainguard/php:latest']);
    assert.deepEqual(alternativeImages('php:8.4-zts-bookworm'), ['php:8.4-zts-alpine']);
    assert.deepEqual(alternativeImages('php:8.1-apache'), []);
  });
});

describe('check-catalogue', () => {
  const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, [CHECK_CATALOGUE, ...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const newest = sourcedEntries()
    .map((e) => e.entry.checked)
    .sort()
    .pop();

  it('lists every entry, with its source, when today is far past the checks, and still exits 0', () => {
    const result = run('--today', '2099-01-01');
    assert.equal(result.status, 0, result.stderr);
    const entries = sourcedEntries();
    assert.match(result.stdout, new RegExp(`${entries.length} of ${entries.length} catalogue entries were last checked before 2098-07-01`));
    for (const line of ['distroless cycle python3-debian12', 'openjdk deprecation', 'OS debian 12', 'dotnet-aspnet variant ubuntu chiseled [chiseled]', 'php alternative php:{v-}fpm-alpine']) {
      assert.ok(result.stdout.includes(line), `${line} is not listed`);
    }
    assert.ok(result.stdout.includes('source: https://www.postgresql.org/support/versioning/'));
  });

  it('lists nothing when every entry was checked within six months, and today is the default', () => {
    assert.ok(newest);
    const pinned = run('--today', newest);
    assert.equal(pinned.status, 0, pinned.stderr);
    assert.match(pinned.stdout, /^check-catalogue: all \d+ catalogue entries were checked on or after/);
    assert.doesNotMatch(pinned.stdout, /source:/);
    const unpinned = run();
    assert.equal(unpinned.status, 0, unpinned.stderr);
    assert.ok(unpinned.stdout.includes(`six months before ${TODAY}`), unpinned.stdout);
  });

  it('an entry exactly six months old is not listed yet; one day later it is', () => {
    assert.ok(newest && Number(newest.slice(8)) <= 28, 'the boundary test wants a checked day of the month up to 28');
    const [y, m, d] = newest.split('-').map(Number) as [number, number, number];
    const plus = (months: number, days: number): string => new Date(Date.UTC(y, m - 1 + months, d + days)).toISOString().slice(0, 10);
    assert.doesNotMatch(run('--today', plus(6, 0)).stdout, /source:/);
    assert.match(run('--today', plus(6, 1)).stdout, /source:/);
  });

  it('refuses a date that does not exist, with a clear message', () => {
    const result = run('--today', '2027-02-30');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--today wants a date as YYYY-MM-DD, got "2027-02-30"/);
  });
});

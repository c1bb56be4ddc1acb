import type { Alternative, ImageFamily, ReleaseCycle, VariantFacts } from '../types';
import { alpine, CHAINGUARD, CHECKED, DISTROLESS, ROOT, shellless } from './common';

const CONTAINERS = 'https://github.com/adoptium/containers (<line>/<jdk|jre>/<ubuntu|alpine>/Dockerfile: FROM ubuntu:24.04 or alpine, no USER)';
/**
 * Adoptium supports a feature release until the next one ships; for LTS lines it publishes only
 * minimum ("at least") dates, so those stay null here. Non-LTS ends are the next JDK's GA day.
 */
const SUPPORT = 'https://adoptium.net/support/ (non-LTS: until the next feature release, whose GA date is on openjdk.org/projects/jdk/<n>/; LTS: only "at least" dates published)';

/** Java release lines, shared with the deprecated `openjdk` images. */
export const JAVA_RELEASES: readonly ReleaseCycle[] = [
  { cycle: '8', eol: null, source: SUPPORT, checked: CHECKED },
  { cycle: '11', eol: null, source: SUPPORT, checked: CHECKED },
  { cycle: '17', eol: null, source: SUPPORT, checked: CHECKED },
  { cycle: '18', eol: '2022-09-20', source: SUPPORT, checked: CHECKED },
  { cycle: '19', eol: '2023-03-21', source: SUPPORT, checked: CHECKED },
  { cycle: '20', eol: '2023-09-19', source: SUPPORT, checked: CHECKED },
  { cycle: '21', eol: null, source: SUPPORT, checked: CHECKED },
  { cycle: '22', eol: '2024-09-17', source: SUPPORT, checked: CHECKED },
  { cycle: '23', eol: '2025-03-18', source: SUPPORT, checked: CHECKED },
  { cycle: '24', eol: '2025-09-16', source: SUPPORT, checked: CHECKED },
  { cycle: '25', eol: null, source: SUPPORT, checked: CHECKED },
  { cycle: '26', eol: null, source: SUPPORT, checked: CHECKED },
];

function ubuntu(sizeMB: number, extra: Partial<VariantFacts> = {}): VariantFacts {
  return { os: 'ubuntu', libc: 'glibc', shell: true, packageManager: 'apt', user: ROOT, toolchain: false, sizeMB, fullSize: false, ...extra };
}

/** A JDK at run time: the compiler comes along, and the JRE of the same line is the minimal variant. */
const JDK: Partial<VariantFacts> = { toolchain: true, fullSize: true };
const JRE_UBUNTU = ubuntu(270);
const JRE_ALPINE = alpine(190);

/** Where a Java image can go: the JRE, then Alpine's, then shell-less. `line` fills the version (`{v-}` or `{c}-`). */
export function javaRuntimes(line: string, os: string): Alternative[] {
  return [
    { image: `eclipse-temurin:${line}jre${os}`, summary: 'Ubuntu, the JRE without the compiler, keeps a shell', facts: JRE_UBUNTU, source: CONTAINERS, checked: CHECKED },
    { image: `eclipse-temurin:${line}jre-alpine`, summary: 'Alpine (musl), the JRE without the compiler, keeps a shell', facts: JRE_ALPINE, source: CONTAINERS, checked: CHECKED },
    {
      image: 'gcr.io/distroless/java{c}-debian13:nonroot',
      summary: 'no shell, runs as UID 65532; its ENTRYPOINT is `java -jar`, so CMD names only the jar',
      facts: shellless('debian', undefined, { entrypoint: ['/usr/bin/java', '-jar'] }),
      cycles: ['17', '21', '25'],
      source: DISTROLESS,
      checked: CHECKED,
    },
    {
      image: 'cgr.dev/chainguard/jre:latest',
      summary: 'Wolfi, the JRE without a shell, runs as UID 65532 (free tier: :latest only)',
      facts: shellless('wolfi', undefined, { entrypoint: ['/usr/bin/java'] }),
      fixedVersion: 'newest',
      source: CHAINGUARD,
      checked: CHECKED,
    },
  ];
}

export const eclipseTemurin: ImageFamily = {
  id: 'eclipse-temurin',
  title: 'Eclipse Temurin',
  repositories: ['eclipse-temurin'],
  kind: 'runtime',
  source: CONTAINERS,
  checked: CHECKED,
  cycles: JAVA_RELEASES,
  defaultOs: { os: 'ubuntu', release: '24.04' },
  // `ubi9-minimal`/`ubi10-minimal` (Red Hat UBI) are not described: `without: ['minimal']` leaves them out.
  variants: [
    { name: 'jre alpine', words: ['jre', 'alpine'], facts: JRE_ALPINE, source: CONTAINERS, checked: CHECKED },
    { name: 'jdk alpine', words: ['alpine'], facts: alpine(350, JDK), source: CONTAINERS, checked: CHECKED },
    { name: 'jre', words: ['jre'], without: ['minimal'], facts: JRE_UBUNTU, source: CONTAINERS, checked: CHECKED },
    { name: 'jdk', words: [], without: ['minimal'], facts: ubuntu(460, JDK), source: CONTAINERS, checked: CHECKED },
  ],
  alternatives: javaRuntimes('{v-}', '{-os}'),
};

import type { ImageFamily, VariantFacts, VariantRule } from '../types';
import { CHECKED, DOCKER_LIBRARY, ROOT } from './common';
import { JAVA_RELEASES, javaRuntimes } from './eclipseTemurin';

const DEPRECATION = 'https://github.com/docker-library/openjdk/issues/505 and the openjdk Docker Hub page (anchors D4)';
const DOCKERFILES = 'https://github.com/docker-library/openjdk (<line>/<jdk|jre>/<variant>/Dockerfile; 8 and 11 on buildpack-deps, 12+ default on oraclelinux8)';

/** Every openjdk image is a JDK (but the `-jre` ones of 8 and 11): the compiler at run time, and no updates since 2022. */
const JDK: Partial<VariantFacts> = { toolchain: true, fullSize: true };
const ORACLE_LINUX: VariantFacts = { os: 'oraclelinux', libc: 'glibc', shell: true, packageManager: 'microdnf', user: ROOT, toolchain: true, fullSize: true };

/** No sizes: the images stopped changing in 2022 and nobody should be choosing between them. */
function os(name: 'debian' | 'alpine', fullSize: boolean, extra: Partial<VariantFacts> = {}): VariantFacts {
  const packageManager = name === 'alpine' ? 'apk' : 'apt';
  return { os: name, libc: name === 'alpine' ? 'musl' : 'glibc', shell: true, packageManager, user: ROOT, toolchain: false, fullSize, ...extra };
}

function variant(name: string, words: readonly string[], facts: VariantFacts): VariantRule {
  return { name, words, facts, source: DOCKERFILES, checked: CHECKED };
}

export const openjdk: ImageFamily = {
  id: 'openjdk',
  title: 'OpenJDK',
  repositories: ['openjdk'],
  kind: 'runtime',
  source: DOCKER_LIBRARY,
  checked: CHECKED,
  cycles: JAVA_RELEASES,
  // The tag without an OS word is Debian for 8 and 11 and Oracle Linux for 12 onwards (`cycle:` words).
  variants: [
    variant('jre slim', ['jre', 'slim'], os('debian', false)),
    variant('jre', ['jre'], os('debian', true)),
    variant('alpine', ['alpine'], os('alpine', true, JDK)),
    variant('slim', ['slim'], os('debian', true, JDK)),
    ...['oracle', 'oraclelinux8', 'oraclelinux7'].map((word) => variant('oracle', [word], ORACLE_LINUX)),
    ...['bookworm', 'bullseye', 'buster', 'cycle:8', 'cycle:11'].map((word) => variant('full', [word], os('debian', true, JDK))),
    variant('oracle', [], ORACLE_LINUX),
  ],
  alternatives: javaRuntimes('{c}-', ''),
  deprecated: {
    since: '2022-07',
    reason: 'only early-access builds are updated; the GA images get no security fixes',
    replacement: 'eclipse-temurin (or amazoncorretto, ibm-semeru-runtimes, sapmachine)',
    source: DEPRECATION,
    checked: CHECKED,
  },
};

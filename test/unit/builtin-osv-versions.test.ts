import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { compareApkVersions } from '../../server/src/scan/builtin/osv/apkVersion';
import { compareDpkgVersions } from '../../server/src/scan/builtin/osv/dpkgVersion';
import { versionOrder, VersionSyntaxError } from '../../server/src/scan/builtin/osv/versionOrder';

/**
 * What `dpkg --compare-versions` says of each pair: -1, 0 or 1. One shell runs dpkg for every
 * pair (a constant script; the versions are its arguments, never part of the script).
 */
function dpkgSays(pairs: readonly (readonly [string, string])[]): number[] {
  const script = 'while [ $# -gt 0 ]; do if dpkg --compare-versions "$1" lt "$2"; then echo -1; elif dpkg --compare-versions "$1" eq "$2"; then echo 0; else echo 1; fi; shift 2; done';
  const run = spawnSync('sh', ['-c', script, 'sh', ...pairs.flat()], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim().split('\n').map(Number);
}

/** Every version of the machine's real package list (dpkg's status file). */
function realVersions(): string[] {
  const text = fs.readFileSync('/var/lib/dpkg/status', 'utf8');
  return [...new Set([...text.matchAll(/^Version: (.+)$/gm)].map((m) => (m[1] as string).trim()))];
}

/** Versions a package list rarely has side by side: tildes, epochs, revisions, letters against symbols. */
const CRAFTED = ['1.0~rc1', '1.0~rc1-1', '1.0', '1.0-0', '1.0-1', '1.0-1~bpo12+1', '1.0-1+deb12u1', '1.0-1+b1', '1.0a', '1.0+', '1.0~', '1.0~~', '1:0.9', '2:0.1', '0:1.0', '1.00', '1.0.0', '10.0', '9.9', '1.0+dfsg-1', '1.0+dfsg1-1', '1.0.0~alpha', '3.0.11-1~deb12u2', '3.0.13-1~deb12u1'];

const hasDpkg = spawnSync('dpkg', ['--version']).status === 0;

describe('dpkg version order', () => {
  it('agrees with dpkg --compare-versions on pairs drawn from the real package list and crafted edge cases', { skip: hasDpkg ? false : 'dpkg is not installed on this machine' }, () => {
    const real = realVersions();
    assert.ok(real.length >= 50, `the package list has ${real.length} versions`);
    const versions = [...real, ...CRAFTED];
    // Neighbours in our order (the close calls), and pseudo-random pairs (fixed seed, so a failure repeats).
    const sorted = [...versions].sort(compareDpkgVersions);
    const pairs: [string, string][] = sorted.slice(1).map((v, i) => [sorted[i] as string, v]);
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 100; i++) pairs.push([versions[next(versions.length)] as string, versions[next(versions.length)] as string]);
    for (let i = 0; i < CRAFTED.length; i++) for (let j = i + 1; j < CRAFTED.length; j++) pairs.push([CRAFTED[i] as string, CRAFTED[j] as string]);
    const theirs = dpkgSays(pairs);
    assert.equal(theirs.length, pairs.length);
    const disagreements = pairs.flatMap(([a, b], i) => (compareDpkgVersions(a, b) === theirs[i] ? [] : [`${a} vs ${b}: ours ${compareDpkgVersions(a, b)}, dpkg ${theirs[i]}`]));
    assert.deepEqual(disagreements, []);
    assert.ok(pairs.length > 500, `${pairs.length} pairs compared`);
  });

  it('orders the cases Debian Policy names', () => {
    const ascending = ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0-1', '1.0a', '1.0+', '1.1', '1:0.1'];
    for (let i = 1; i < ascending.length; i++) assert.equal(compareDpkgVersions(ascending[i - 1] as string, ascending[i] as string), -1, `${ascending[i - 1]} < ${ascending[i]}`);
    assert.equal(compareDpkgVersions('1.0', '1.0-0'), 0);
    assert.equal(compareDpkgVersions('0:1.0', '1.0'), 0);
    assert.equal(compareDpkgVersions('1.000000000000000000000001', '1.1'), 0, 'numbers of any length');
  });
});

describe('apk version order', () => {
  it('orders versions as apk-tools does', () => {
    const ascending = ['1.0_alpha', '1.0_alpha1', '1.0_beta', '1.0_pre2', '1.0_rc1', '1.0', '1.0-r1', '1.0-r10', '1.0_p1', '1.0a', '1.0.1', '1.01', '1.1', '1.2.3-r1', '1.2.3_git20230101-r0', '1.10'];
    for (let i = 1; i < ascending.length; i++) {
      const [a, b] = [ascending[i - 1] as string, ascending[i] as string];
      assert.equal(compareApkVersions(a, b), -1, `${a} < ${b}`);
      assert.equal(compareApkVersions(b, a), 1, `${b} > ${a}`);
    }
    assert.equal(compareApkVersions('1.001', '1.01'), -1, 'a later part with a leading zero compares as text');
    assert.equal(compareApkVersions('1.2.3~abc12-r0', '1.2.3~abd00-r0'), -1, 'commit hashes compare as text');
    assert.equal(compareApkVersions('1.2-x', '1.2'), -1, 'an unreadable rest is older');
    assert.equal(compareApkVersions('3.1.4-r1', '3.1.4-r1'), 0);
    assert.equal(compareApkVersions('1.0.2q-r0', '1.0.2p-r3'), 1, "the fixture's openssl letters");
    assert.equal(compareApkVersions('1.0.2p-r3', '1.0.2q-r0'), -1);
  });
});

describe('the version order of an OSV ecosystem', () => {
  it('uses semver for npm and Go, PEP 440 for PyPI, dpkg and apk for the distributions, none for others', () => {
    assert.equal(versionOrder('npm')?.('1.2.3-beta.1', '1.2.3'), -1);
    assert.equal(versionOrder('Go')?.('v1.21.0', 'v1.9.9'), 1);
    assert.equal(versionOrder('PyPI')?.('2.0rc1', '2.0'), -1);
    assert.equal(versionOrder('PyPI')?.('1!0.1', '2.0'), 1, 'an epoch wins');
    assert.equal(versionOrder('PyPI')?.('2.0.post1', '2.0'), 1);
    assert.equal(versionOrder('Debian:12')?.('1.0~rc1', '1.0'), -1);
    assert.equal(versionOrder('Alpine:v3.19')?.('1.0_rc1', '1.0'), -1);
    assert.equal(versionOrder('Maven'), null);
  });

  it('refuses a version the ecosystem cannot read instead of guessing', () => {
    assert.throws(() => versionOrder('npm')?.('not-a-version', '1.0.0'), VersionSyntaxError);
    assert.throws(() => versionOrder('PyPI')?.('1.0', 'bogus version'), VersionSyntaxError);
  });
});

import type { ReleaseCycle } from './types';

/**
 * Support windows of the distributions images are built on. Debian: "eol" is the end of
 * security support by the Debian security team, `extendedUntil` the end of Debian LTS. Ubuntu:
 * "eol" is the end of standard support, `extendedUntil` the end of Ubuntu Pro (ESM). Alpine:
 * each stable branch is supported for two years.
 */

const DEBIAN = 'https://wiki.debian.org/DebianReleases and https://wiki.debian.org/LTS';
const UBUNTU = 'https://ubuntu.com/about/release-cycle';
const ALPINE = 'https://alpinelinux.org/releases/';
const CHECKED = '2026-12-02';

export const DEBIAN_RELEASES: readonly ReleaseCycle[] = [
  { cycle: '8', codenames: ['jessie'], eol: '2018-06-17', extendedUntil: '2020-06-30', source: DEBIAN, checked: CHECKED },
  { cycle: '9', codenames: ['stretch'], eol: '2020-07-06', extendedUntil: '2022-06-30', source: DEBIAN, checked: CHECKED },
  { cycle: '10', codenames: ['buster'], eol: '2022-09-10', extendedUntil: '2024-06-30', source: DEBIAN, checked: CHECKED },
  { cycle: '11', codenames: ['bullseye'], eol: '2024-08-14', extendedUntil: '2026-08-31', source: DEBIAN, checked: CHECKED },
  { cycle: '12', codenames: ['bookworm'], eol: '2026-06-10', extendedUntil: '2028-06-30', source: DEBIAN, checked: CHECKED },
  { cycle: '13', codenames: ['trixie'], eol: null, extendedUntil: '2030-06-30', source: DEBIAN, checked: CHECKED },
  { cycle: '14', codenames: ['forky'], eol: null, source: DEBIAN, checked: CHECKED },
];

export const UBUNTU_RELEASES: readonly ReleaseCycle[] = [
  { cycle: '14.04', codenames: ['trusty'], eol: '2019-04-25', extendedUntil: '2024-04-25', source: UBUNTU, checked: CHECKED },
  { cycle: '16.04', codenames: ['xenial'], eol: '2021-04-30', extendedUntil: '2026-04-30', source: UBUNTU, checked: CHECKED },
  { cycle: '18.04', codenames: ['bionic'], eol: '2023-05-31', extendedUntil: '2028-05-31', source: UBUNTU, checked: CHECKED },
  { cycle: '20.04', codenames: ['focal'], eol: '2025-05-29', extendedUntil: '2030-05-31', source: UBUNTU, checked: CHECKED },
  { cycle: '22.04', codenames: ['jammy'], eol: '2027-06-01', extendedUntil: '2032-05-31', source: UBUNTU, checked: CHECKED },
  { cycle: '23.10', codenames: ['mantic'], eol: '2024-07-11', source: UBUNTU, checked: CHECKED },
  { cycle: '24.04', codenames: ['noble'], eol: '2029-05-31', extendedUntil: '2034-04-25', source: UBUNTU, checked: CHECKED },
  { cycle: '24.10', codenames: ['oracular'], eol: '2025-07-10', source: UBUNTU, checked: CHECKED },
  { cycle: '25.04', codenames: ['plucky'], eol: '2026-01-15', source: UBUNTU, checked: CHECKED },
  { cycle: '25.10', codenames: ['questing'], eol: '2026-07-09', source: UBUNTU, checked: CHECKED },
  { cycle: '26.04', codenames: ['resolute'], eol: '2031-05-31', source: UBUNTU, checked: CHECKED },
];

export const ALPINE_RELEASES: readonly ReleaseCycle[] = [
  { cycle: '3.10', eol: '2021-05-01', source: ALPINE, checked: CHECKED },
  { cycle: '3.11', eol: '2021-11-01', source: ALPINE, checked: CHECKED },
  { cycle: '3.12', eol: '2022-05-01', source: ALPINE, checked: CHECKED },
  { cycle: '3.13', eol: '2022-11-01', source: ALPINE, checked: CHECKED },
  { cycle: '3.14', eol: '2023-05-01', source: ALPINE, checked: CHECKED },
  { cycle: '3.15', eol: '2023-11-01', source: ALPINE, checked: CHECKED },
  { cycle: '3.16', eol: '2024-05-23', source: ALPINE, checked: CHECKED },
  { cycle: '3.17', eol: '2024-11-22', source: ALPINE, checked: CHECKED },
  { cycle: '3.18', eol: '2025-05-09', source: ALPINE, checked: CHECKED },
  { cycle: '3.19', eol: '2025-11-01', source: ALPINE, checked: CHECKED },
  { cycle: '3.20', eol: '2026-04-01', source: ALPINE, checked: CHECKED },
  { cycle: '3.21', eol: '2026-11-01', source: ALPINE, checked: CHECKED },
  { cycle: '3.22', eol: '2027-05-01', source: ALPINE, checked: CHECKED },
  { cycle: '3.23', eol: '2027-11-01', source: ALPINE, checked: CHECKED },
];

export type OsReleaseName = 'debian' | 'ubuntu' | 'alpine';

export const OS_TITLES: Record<OsReleaseName, string> = { debian: 'Debian', ubuntu: 'Ubuntu', alpine: 'Alpine' };

export const OS_RELEASES: Record<OsReleaseName, readonly ReleaseCycle[]> = { debian: DEBIAN_RELEASES, ubuntu: UBUNTU_RELEASES, alpine: ALPINE_RELEASES };

/** `bookworm` → Debian 12, `noble` → Ubuntu 24.04: the OS words tags use. */
export const OS_CODENAMES: ReadonlyMap<string, { os: OsReleaseName; cycle: ReleaseCycle }> = new Map(
  (['debian', 'ubuntu'] as const).flatMap((os) => OS_RELEASES[os].flatMap((cycle) => (cycle.codenames ?? []).map((name) => [name, { os, cycle }] as const))),
);

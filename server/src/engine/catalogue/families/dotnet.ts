import type { Alternative, ImageFamily, ImageUser, ReleaseCycle, VariantFacts, VariantRule } from '../types';
import { CHECKED, ROOT } from './common';

const POLICY = 'https://dotnet.microsoft.com/platform/support/policy/dotnet-core';
const IMAGES = 'https://github.com/dotnet/dotnet-docker (README per repository, documentation/ubuntu-chiseled.md, src/runtime-deps/*/Dockerfile: APP_UID=1654)';
/** .NET 8+ images create `app` (UID 1654, `ENV APP_UID=1654`); chiseled and distroless images run as it (anchors D4). .NET 6 and 7 images have no `app` user. */
const APP: ImageUser = { name: 'app', uid: 1654 };

const DOTNET_RELEASES: readonly ReleaseCycle[] = [
  { cycle: '3.1', eol: '2022-12-13', source: POLICY, checked: CHECKED },
  { cycle: '5.0', eol: '2022-05-10', source: POLICY, checked: CHECKED },
  { cycle: '6.0', eol: '2024-11-12', source: POLICY, checked: CHECKED },
  { cycle: '7.0', eol: '2024-05-14', source: POLICY, checked: CHECKED },
  { cycle: '8.0', eol: '2026-11-10', source: POLICY, checked: CHECKED },
  { cycle: '9.0', eol: '2026-11-10', source: POLICY, checked: CHECKED },
  { cycle: '10.0', eol: '2028-11-14', source: POLICY, checked: CHECKED },
];

function withShell(os: VariantFacts['os'], packageManager: VariantFacts['packageManager']): VariantFacts {
  return { os, libc: os === 'alpine' ? 'musl' : 'glibc', shell: true, packageManager, user: ROOT, nonRootUser: APP, toolchain: false, fullSize: false };
}

/** Ubuntu chiseled and Azure Linux distroless: no shell or package manager, run as `app`. */
function shellless(os: VariantFacts['os']): VariantFacts {
  return { os, libc: 'glibc', shell: false, packageManager: null, user: APP, toolchain: false, fullSize: false };
}

/**
 * Tag words, most specific first. The tag without an OS word is Debian (bookworm-slim) up to
 * .NET 9 and Ubuntu 24.04 from .NET 10 (`cycle:10.0`). Azure Linux 2.0 was CBL-Mariner 2.0.
 */
const OS_WORDS: readonly { name: string; words: readonly string[]; facts: VariantFacts }[] = [
  { name: 'ubuntu chiseled', words: ['chiseled'], facts: shellless('ubuntu') },
  { name: 'azure linux distroless', words: ['distroless'], facts: shellless('azurelinux') },
  { name: 'alpine', words: ['alpine'], facts: withShell('alpine', 'apk') },
  { name: 'azure linux', words: ['azurelinux3.0'], facts: withShell('azurelinux', 'tdnf') },
  { name: 'azure linux', words: ['mariner2.0'], facts: withShell('azurelinux', 'tdnf') },
  ...['noble', 'jammy', 'focal', 'cycle:10.0'].map((word) => ({ name: 'ubuntu', words: [word], facts: withShell('ubuntu', 'apt') })),
  { name: 'debian', words: [], facts: withShell('debian', 'apt') },
];

function variants(extra: Partial<VariantFacts>): VariantRule[] {
  return OS_WORDS.map((v) => ({ name: v.name, words: v.words, facts: { ...v.facts, ...extra }, source: IMAGES, checked: CHECKED }));
}

const FROM_8: readonly string[] = ['8.0', '9.0', '10.0'];

/** Ubuntu chiseled, from .NET 8: `split` when the stage builds with the SDK and only the output should move here. */
function chiseled(repository: string, extra: Partial<VariantFacts>, split?: true): Alternative {
  const summary = 'Ubuntu chiseled: no shell or package manager, runs as `app` (UID 1654)';
  return { image: `${repository}:{v-}noble-chiseled`, summary, facts: { ...shellless('ubuntu'), ...extra }, cycles: FROM_8, ...(split ? { split } : {}), source: IMAGES, checked: CHECKED };
}

/** The same repository's smaller flavours, safest first: Alpine keeps a shell; chiseled and distroless do not. */
function smaller(repository: string, extra: Partial<VariantFacts>): Alternative[] {
  return [
    { image: `${repository}:{v-}alpine`, summary: 'Alpine (musl), keeps a shell, runs as root with `app` (1654) to switch to', facts: { ...withShell('alpine', 'apk'), ...extra }, source: IMAGES, checked: CHECKED },
    chiseled(repository, extra),
    { image: `${repository}:{v-}azurelinux3.0-distroless`, summary: 'Azure Linux distroless: no shell or package manager, runs as `app` (UID 1654)', facts: { ...shellless('azurelinux'), ...extra }, cycles: FROM_8, source: IMAGES, checked: CHECKED },
  ];
}

function runtimeFamily(id: string, title: string, repository: string, extra: Partial<VariantFacts>): ImageFamily {
  return { id, title, repositories: [repository], kind: 'runtime', source: IMAGES, checked: CHECKED, cycles: DOTNET_RELEASES, variants: variants(extra), alternatives: smaller(repository, extra) };
}

/** ASP.NET Core images listen on 8080 from .NET 8 (`ASPNETCORE_HTTP_PORTS=8080`; 6 and 7 used 80). */
const ASPNET: Partial<VariantFacts> = { listens: [8080] };
export const dotnetAspnet = runtimeFamily('dotnet-aspnet', 'ASP.NET Core', 'mcr.microsoft.com/dotnet/aspnet', ASPNET);
export const dotnetRuntime = runtimeFamily('dotnet-runtime', '.NET Runtime', 'mcr.microsoft.com/dotnet/runtime', {});
/** For self-contained apps: the OS libraries .NET needs, without .NET. */
export const dotnetRuntimeDeps = runtimeFamily('dotnet-runtime-deps', '.NET runtime-deps', 'mcr.microsoft.com/dotnet/runtime-deps', {});

/** The SDK builds; the final stage belongs on aspnet or runtime (offered as a split, described for the user to do). */
export const dotnetSdk: ImageFamily = {
  id: 'dotnet-sdk',
  title: '.NET SDK',
  repositories: ['mcr.microsoft.com/dotnet/sdk'],
  kind: 'runtime',
  source: IMAGES,
  checked: CHECKED,
  cycles: DOTNET_RELEASES,
  variants: variants({ toolchain: true }),
  alternatives: [chiseled('mcr.microsoft.com/dotnet/aspnet', ASPNET, true), chiseled('mcr.microsoft.com/dotnet/runtime', {}, true)],
};

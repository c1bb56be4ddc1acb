import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseApkInstalled } from '../../server/src/scan/builtin/inventory/apk';
import { parseDpkgStatus } from '../../server/src/scan/builtin/inventory/dpkg';
import { parseOsRelease } from '../../server/src/scan/builtin/osRelease';
import { IMAGE_RULES } from '../../server/src/scan/builtin/rules';
import { historyAssignments } from '../../server/src/scan/builtin/rules/image-history-secret';
import { isRootUser } from '../../server/src/scan/builtin/rules/image-runs-as-root';
import { classifySecretFile } from '../../server/src/scan/builtin/secretFiles';
import { secretAssignment } from '../../server/src/scan/builtin/secretValues';
import { REPO_ROOT } from '../support/paths';

describe('built-in scanner: image checks', () => {
  it('registers every check file once, named after its id, each with a docs page', () => {
    const dir = path.join(REPO_ROOT, 'server/src/scan/builtin/rules');
    // Check files are kebab-case (`image-runs-as-root.ts`); helpers are camelCase (`imageRule.ts`).
    const files = fs.readdirSync(dir).filter((f) => /^[a-z]+(?:-[a-z]+)+\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();
    assert.deepEqual(IMAGE_RULES.map((r) => r.meta.id).sort(), files);
    for (const id of files) assert.ok(fs.existsSync(path.join(REPO_ROOT, 'docs/image-rules', `${id}.md`)), `docs/image-rules/${id}.md`);
  });

  it('judges env and build-argument values: a secret name with a real value, not a path, reference or flag', () => {
    assert.equal(secretAssignment('DB_PASSWORD', 'Zq8w-r4nd0m'), 'its name contains "password"');
    assert.equal(secretAssignment('apiKey', 'abc123def'), 'its name contains "key"');
    assert.equal(secretAssignment('GREETING', 'AKIAIOSFODNN7EXAMPLE'), 'its value is an AWS access key id');
    assert.equal(secretAssignment('GPG_KEY', 'A035C8C19219BA821ECEA86B64E628F8D684696D'), null);
    for (const value of ['', '/run/secrets/db', '${DB_PASSWORD}', '$TOKEN', 'true', '8', '<your token>', 'xxxx']) assert.equal(secretAssignment('DB_PASSWORD', value), null, value);
    assert.equal(secretAssignment('PUBLIC_KEY', 'abc123def'), null);
    assert.equal(secretAssignment('PASSWORD_FILE', 'abc'), null);
    assert.equal(secretAssignment('PATH', '/usr/bin'), null);
  });

  it('reads build arguments from history as BuildKit and the classic builder record them', () => {
    assert.deepEqual(historyAssignments('ARG NPM_TOKEN=abc'), [{ name: 'NPM_TOKEN', value: 'abc' }]);
    assert.deepEqual(historyAssignments('/bin/sh -c #(nop)  ARG GITHUB_TOKEN=ghp_x'), [{ name: 'GITHUB_TOKEN', value: 'ghp_x' }]);
    assert.deepEqual(historyAssignments('RUN |2 A=1 API_KEY=k3y /bin/sh -c echo B=2'), [
      { name: 'A', value: '1' },
      { name: 'API_KEY', value: 'k3y' },
    ]);
    assert.deepEqual(historyAssignments('ARG VERSION'), []);
    assert.deepEqual(historyAssignments('RUN /bin/sh -c make TOKEN=1'), []);
  });

  it('treats no user, root and uid 0 as root', () => {
    for (const user of [undefined, '', 'root', '0', 'root:root', '0:1000']) assert.ok(isRootUser(user), String(user));
    for (const user of ['10001', 'app', 'nobody:nogroup', '1000:0']) assert.ok(!isRootUser(user), user);
  });

  it('recognises credential files by content, not by name alone', () => {
    const kind = (p: string, text: string): string | null => classifySecretFile(p, Buffer.from(text))?.what ?? null;
    assert.equal(kind('root/.aws/credentials', '[default]\naws_access_key_id = AKIA\naws_secret_access_key = abc\n'), 'AWS credentials');
    assert.equal(kind('root/.aws/credentials', '[default]\nregion = eu-west-1\n'), null);
    assert.equal(kind('root/.docker/config.json', '{"auths":{"ghcr.io":{"auth":"dXNlcjpwYXNz"}}}'), 'registry credentials (Docker config auths)');
    assert.equal(kind('root/.docker/config.json', '{"auths":{},"credsStore":"desktop"}'), null);
    assert.equal(kind('app/.npmrc', '//registry.npmjs.org/:_authToken=npm_abc\n'), 'an npm registry token');
    assert.equal(kind('app/.npmrc', 'registry=https://registry.npmjs.org/\n'), null);
    assert.equal(kind('root/.git-credentials', 'https://user:ghp_abc@github.com\n'), 'Git credentials');
    assert.equal(kind('app/.env', 'NODE_ENV=production\nSTRIPE_SECRET="sk_live_abc"\n'), 'secrets in an .env file');
    assert.equal(kind('app/.env', 'NODE_ENV=production\nPORT=8080\n'), null);
    assert.equal(kind('etc/ssl/certs/ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'), null);
    assert.equal(kind('home/a/.ssh/id_ed25519', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----\n'), 'a private key');
  });

  it('reads dpkg status (installed only, status.d without Status) and apk databases', () => {
    const status = 'Package: a\nStatus: install ok installed\nVersion: 1:2.0-1\nArchitecture: amd64\nSource: asrc (2.0-1)\nDescription: x\n multi-line\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1.0\n';
    assert.deepEqual(parseDpkgStatus(status, '/var/lib/dpkg/status'), [{ name: 'a', version: '1:2.0-1', type: 'deb', source: 'asrc', architecture: 'amd64', foundIn: '/var/lib/dpkg/status' }]);
    assert.deepEqual(parseDpkgStatus('Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n', 'd').map((p) => p.name), ['tzdata']);
    const apk = 'C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\no:musl\n\nP:busybox-binsh\nV:1.36.1-r29\nA:x86_64\no:busybox\n';
    assert.deepEqual(parseApkInstalled(apk, '/lib/apk/db/installed').map((p) => [p.name, p.version, p.source]), [
      ['musl', '1.2.5-r0', null],
      ['busybox-binsh', '1.36.1-r29', 'busybox'],
    ]);
  });

  it('reads os-release and finds the release in the catalogue', () => {
    const alpine = parseOsRelease('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19"\n');
    assert.deepEqual([alpine?.id, alpine?.versionId, alpine?.release, alpine?.cycle?.eol], ['alpine', '3.19.1', 'Alpine 3.19', '2025-11-01']);
    const unknown = parseOsRelease('ID=wolfi\nVERSION_ID=20230201\nPRETTY_NAME="Wolfi"\n');
    assert.deepEqual([unknown?.cycle, unknown?.release], [null, 'Wolfi']);
  });
});

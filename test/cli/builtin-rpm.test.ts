import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { bomPackages } from '../support/cycloneDx';
import { buildRpmDatabase, rpmSkipReason } from '../support/rpmDatabase';
import { buildImage, writeOciLayout } from '../support/testImages';
import { runCli, tempProject, type TempProject } from './cliHarness';

const skip = rpmSkipReason();
const ROCKY_9_OS_RELEASE = 'NAME="Rocky Linux"\nVERSION="9.3 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\nPRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"\n';

describe('seaworthy scan lists the rpm packages of an image (rpmdb.sqlite built by rpm at test time)', { skip: skip ?? false }, () => {
  let project: TempProject;
  before(async () => {
    project = tempProject({});
    const root = buildRpmDatabase(project.path('rpm'), [{ name: 'openssl', version: '3.0.7', release: '24.el9', epoch: 1, subpackages: ['openssl-libs'] }]);
    const image = await buildImage({
      layers: [
        {
          entries: [
            { path: 'etc/os-release', content: ROCKY_9_OS_RELEASE },
            { path: 'var/lib/rpm/rpmdb.sqlite', content: fs.readFileSync(`${root}/var/lib/rpm/rpmdb.sqlite`) },
          ],
        },
      ],
      config: { User: '10001' },
    });
    writeOciLayout(project.path('layout'), { '9': image });
  });
  after(() => project?.dispose());

  it('writes them into the CycloneDX SBOM with rpm package URLs (epoch as a qualifier)', async () => {
    const run = await runCli(['scan', 'oci:layout:9', '--engine', 'builtin', '--format', 'cyclonedx'], { cwd: project.dir });
    assert.deepEqual(bomPackages(run.stdout), ['rpm:openssl@1:3.0.7-24.el9', 'rpm:openssl-libs@1:3.0.7-24.el9']);
    const bom = JSON.parse(run.stdout) as { components: { name: string; purl?: string; properties?: { name: string; value: string }[] }[] };
    const libs = bom.components.find((c) => c.name === 'openssl-libs');
    assert.equal(libs?.purl, 'pkg:rpm/rocky/openssl-libs@3.0.7-24.el9?arch=noarch&distro=rocky-9.3&epoch=1');
    assert.deepEqual(libs?.properties, [
      { name: 'seaworthy:foundIn', value: '/var/lib/rpm/rpmdb.sqlite' },
      { name: 'seaworthy:sourcePackage', value: 'openssl' },
    ]);
  });
});

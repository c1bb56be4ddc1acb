import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { freePort, Registry, registrySkipReason } from '../support/registryHarness';
import { buildImage, cleanImage, indexOf, insecureImage, privateKeyPem, type BuiltImage } from '../support/testImages';
import { runCli, tempProject, type TempProject } from './cliHarness';

const skip = registrySkipReason();

describe('seaworthy pin against a real registry (docker-registry on 127.0.0.1)', { skip: skip ?? false }, () => {
  let registry: Registry;
  let project: TempProject;
  let app: BuiltImage;
  let multiDigest: string;
  before(async () => {
    project = tempProject({});
    app = await buildImage(insecureImage(privateKeyPem()));
    const amd = await buildImage(cleanImage());
    const arm = await buildImage({ ...cleanImage(), config: {}, architecture: 'arm64', variant: 'v8' });
    const index = indexOf([amd, arm]);
    multiDigest = index.digest;
    registry = await Registry.start();
    await registry.push('app', '1.0', app);
    await registry.push('multi', '1.0', { index, images: [amd, arm] });
  });
  after(async () => {
    await registry?.stop();
    project?.dispose();
  });

  it('writes the digest the registry serves after each tag of a Dockerfile and a manifest, keeping the tag and everything else', async () => {
    const host = registry.host;
    fs.writeFileSync(project.path('Dockerfile'), `# build\nFROM ${host}/app:1.0 AS build\nRUN make\n\nFROM ${host}/multi:1.0\nCOPY --from=build /out /app\n`);
    fs.writeFileSync(project.path('deploy.yaml'), `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: "${host}/app:1.0" # quoted\n`);
    const run = await runCli(['pin', 'Dockerfile', 'deploy.yaml'], { cwd: project.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const appDigest = app.manifest.digest;
    assert.equal(fs.readFileSync(project.path('Dockerfile'), 'utf8'), `# build\nFROM ${host}/app:1.0@${appDigest} AS build\nRUN make\n\nFROM ${host}/multi:1.0@${multiDigest}\nCOPY --from=build /out /app\n`);
    assert.equal(fs.readFileSync(project.path('deploy.yaml'), 'utf8'), `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: "${host}/app:1.0@${appDigest}" # quoted\n`);
    assert.equal(
      run.stdout,
      [`Dockerfile:2: ${host}/app:1.0 → ${host}/app:1.0@${appDigest}`, `Dockerfile:5: ${host}/multi:1.0 → ${host}/multi:1.0@${multiDigest}`, `deploy.yaml:8: ${host}/app:1.0 → ${host}/app:1.0@${appDigest}`, 'Pinned 3 images.', ''].join('\n'),
    );
    // Pinned images are left alone the second time.
    const again = await runCli(['pin', 'Dockerfile', 'deploy.yaml'], { cwd: project.dir });
    assert.deepEqual([again.code, again.stdout], [0, 'Nothing pinned.\n']);
  });

  it('pins what it can and names what it cannot: an unknown tag, an unreachable registry, an ARG-built image', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const text = `ARG BASE=${registry.host}/app:1.0\nFROM \${BASE} AS one\nFROM ${registry.host}/app:9.9 AS two\nFROM ${closed}/gone:1 AS three\nFROM ${registry.host}/app:1.0\n`;
    fs.writeFileSync(project.path('Dockerfile.mixed'), text);
    const run = await runCli(['pin', 'Dockerfile.mixed'], { cwd: project.dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`Dockerfile\\.mixed:3: cannot pin ${registry.host.replace(/\./g, '\\.')}/app:9\\.9: .*app:9\\.9 was not found \\(MANIFEST_UNKNOWN\\): check the name and tag`));
    assert.match(run.stderr, new RegExp(`Dockerfile\\.mixed:4: cannot pin ${closed.replace(/\./g, '\\.')}/gone:1: .*(ECONNREFUSED|refused)`));
    assert.equal(fs.readFileSync(project.path('Dockerfile.mixed'), 'utf8'), text.replace(`FROM ${registry.host}/app:1.0\n`, `FROM ${registry.host}/app:1.0@${app.manifest.digest}\n`), 'the ARG-built FROM is left alone, the resolvable one pinned');
    assert.match(run.stdout, /Pinned 1 image; 2 could not be \(see above\)\.\n$/);
  });

  it('says so when there is nothing it can read', async () => {
    const run = await runCli(['pin', 'notes.txt', 'missing/Dockerfile'], { cwd: project.dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /notes\.txt: not a Dockerfile or YAML file/);
    assert.match(run.stderr, /missing\/Dockerfile: cannot read the file: /);
  });
});

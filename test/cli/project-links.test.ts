import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { linksOf } from '../../server/src/cli/projectLinks';
import { DIST, REPO_ROOT } from '../support/paths';
import { PRIVILEGED_POD, runCli, tempProject, type TempProject } from './cliHarness';

/** A host the project does not own: no link may point there (the annotation key is not a link). */
const FOREIGN_HOST = /seaworthy\.dev(?!\/ignore)/;

describe('links from package.json', () => {
  it('reads repository, homepage and bugs in the forms npm allows', () => {
    const github = 'https://github.com/acme/seaworthy';
    for (const repository of ['acme/seaworthy', 'github:acme/seaworthy', 'git+https://github.com/acme/seaworthy.git', 'git@github.com:acme/seaworthy.git', 'ssh://git@github.com/acme/seaworthy', { type: 'git', url: 'https://github.com/acme/seaworthy' }]) {
      const links = linksOf({ repository });
      assert.equal(links.home, github, JSON.stringify(repository));
      assert.equal(links.issues, `${github}/issues`);
      assert.equal(links.ruleDoc('privileged-container'), `${github}/blob/HEAD/docs/rules/privileged-container.md`);
      assert.equal(links.rules, `${github}/tree/HEAD/docs/rules`);
    }
    const monorepo = linksOf({ repository: { url: 'gitlab:acme/tools', directory: 'packages/seaworthy/' }, homepage: 'https://acme.example/seaworthy/', bugs: { url: 'https://acme.example/bugs' } });
    assert.equal(monorepo.home, 'https://acme.example/seaworthy');
    assert.equal(monorepo.issues, 'https://acme.example/bugs');
    assert.equal(monorepo.ruleDoc('x'), 'https://gitlab.com/acme/tools/blob/HEAD/packages/seaworthy/docs/rules/x.md');
  });

  it('leaves links out where package.json sets none (or only a non-https one)', () => {
    for (const pkg of [{}, { repository: '' }, { homepage: 'http://insecure.example' }, { repository: { type: 'git' } }]) {
      const links = linksOf(pkg);
      assert.deepEqual([links.home, links.issues, links.rules, links.ruleDoc('x')], [null, null, null, null], JSON.stringify(pkg));
    }
  });

  it('writes no link to a host of its own in the sources or the bundles', () => {
    const files = [...sourceFiles(path.join(REPO_ROOT, 'server', 'src')), ...sourceFiles(path.join(REPO_ROOT, 'client', 'src')), ...['cli.js', 'server.js', 'engine.js', 'client.js'].map((f) => path.join(DIST, f)).filter((f) => fs.existsSync(f))];
    assert.ok(files.length > 50);
    const offending = files.filter((f) => FOREIGN_HOST.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offending, []);
  });

  describe('the CLI', () => {
    let project: TempProject;
    let installed: string;
    before(() => {
      project = tempProject({ 'pod.yaml': PRIVILEGED_POD });
      // The built CLI beside a package.json that says where the project lives.
      installed = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-pkg-')));
      fs.cpSync(DIST, path.join(installed, 'dist'), { recursive: true });
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(path.join(installed, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, repository: 'github:acme/seaworthy', homepage: 'https://acme.example/seaworthy' }));
    });
    after(() => {
      project.dispose();
      fs.rmSync(installed, { recursive: true, force: true });
    });
    const cli = (args: string[]) => runCli(args, { cwd: project.dir, cli: path.join(installed, 'dist', 'cli.js') });

    it('links SARIF, `rules` and help to the repository and homepage', async () => {
      const sarif = JSON.parse((await cli(['check', '.', '--format', 'sarif'])).stdout) as { runs: { tool: { driver: { informationUri?: string; rules: { id: string; helpUri?: string }[] } } }[] };
      const driver = sarif.runs[0]!.tool.driver;
      assert.equal(driver.informationUri, 'https://acme.example/seaworthy');
      assert.equal(driver.rules.find((r) => r.id === 'privileged-container')?.helpUri, 'https://github.com/acme/seaworthy/blob/HEAD/docs/rules/privileged-container.md');
      const { rules } = JSON.parse((await cli(['rules', '--format', 'json'])).stdout) as { rules: { id: string; helpUri?: string }[] };
      assert.equal(rules.find((r) => r.id === 'invalid-file')?.helpUri, 'https://github.com/acme/seaworthy/blob/HEAD/docs/rules/invalid-file.md');
      assert.match((await cli(['rules'])).stdout, /or https:\/\/github\.com\/acme\/seaworthy\/tree\/HEAD\/docs\/rules\n$/);
      assert.match((await cli(['--help'])).stdout, /\nDocs: https:\/\/acme\.example\/seaworthy\n$/);
    });

    it('prints no link at all from a package.json without one, and never a foreign host', async () => {
      for (const args of [['check', '.', '--format', 'sarif'], ['rules'], ['rules', '--format', 'json'], ['rules', '--format', 'markdown'], ['--help']]) {
        const run = await runCli(args, { cwd: project.dir });
        assert.doesNotMatch(run.stdout + run.stderr, FOREIGN_HOST, args.join(' '));
      }
      const sarif = JSON.parse((await runCli(['check', '.', '--format', 'sarif'], { cwd: project.dir })).stdout) as { runs: { tool: { driver: Record<string, unknown> } }[] };
      const own = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
      assert.equal(sarif.runs[0]!.tool.driver.informationUri, linksOf(own).home ?? undefined);
    });
  });
});

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

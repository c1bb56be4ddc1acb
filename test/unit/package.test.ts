import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import picomatch from 'picomatch';
import { kindByName } from '../../server/src/engine';
import { EXTENSION_INITIALIZATION_OPTIONS } from '../../server/src/lsp/extensionOptions';
import { LspClient } from '../support/lspClient';
import { REPO_ROOT } from '../support/paths';

interface Manifest {
  main: string;
  icon: string;
  bin?: Record<string, string>;
  activationEvents: string[];
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: {
    languages: { id: string; filenames?: string[]; filenamePatterns?: string[]; extensions?: string[] }[];
    grammars: { path: string; injectTo?: string[] }[];
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, { type: string; default?: unknown; scope?: string }> };
    yamlValidation?: { url: string }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

/**
 * VS Code's built-in associations the extension's contributions are layered over (extensions
 * `docker` and `yaml` of VS Code 1.91+), then VS Code's rule for picking one: an exact file name
 * wins, then the longest matching pattern, then the longest extension (case-insensitive).
 */
const BUILT_IN = [
  { id: 'dockerfile', filenames: ['Dockerfile', 'Containerfile'], filenamePatterns: ['Dockerfile.*', 'Containerfile.*'], extensions: ['.dockerfile', '.containerfile'] },
  { id: 'yaml', extensions: ['.yml', '.eyaml', '.eyml', '.yaml'] },
  { id: 'dockercompose', filenames: ['compose.yaml', 'docker-compose.yml'], filenamePatterns: ['compose.*.yaml', '*docker*compose*.yml'] },
  { id: 'ignore', extensions: ['.gitignore'] },
];

function languageOf(fileName: string): string | undefined {
  const name = fileName.toLowerCase();
  const all = [...BUILT_IN, ...manifest.contributes.languages];
  const exact = all.find((l) => l.filenames?.some((f) => f.toLowerCase() === name));
  if (exact) return exact.id;
  let best: { id: string; length: number } | undefined;
  for (const l of all) {
    for (const p of l.filenamePatterns ?? []) {
      if (picomatch(p.toLowerCase(), { dot: true })(name) && p.length > (best?.length ?? -1)) best = { id: l.id, length: p.length };
    }
  }
  if (best) return best.id;
  for (const l of all) {
    for (const e of l.extensions ?? []) if (name.endsWith(e.toLowerCase()) && e.length > (best?.length ?? -1)) best = { id: l.id, length: e.length };
  }
  return best?.id;
}

describe('extension manifest', () => {
  it('makes Dockerfiles and Containerfiles by their usual names the dockerfile language, as the engine does', () => {
    for (const name of ['Dockerfile', 'dockerfile', 'Containerfile', 'api.Dockerfile', 'Dockerfile.prod', 'Dockerfile.alpine', 'build.containerfile', 'Containerfile.dev']) {
      assert.equal(languageOf(name), 'dockerfile', name);
      assert.equal(kindByName(name), 'dockerfile', `engine: ${name}`);
    }
  });

  it('leaves YAML and ignore files named after a Dockerfile to their own languages', () => {
    assert.equal(languageOf('Dockerfile.yaml'), 'yaml');
    assert.equal(languageOf('Containerfile.yml'), 'yaml');
    assert.equal(languageOf('Dockerfile.dockerignore'), 'ignore');
    assert.equal(languageOf('deploy.yaml'), 'yaml');
  });

  it('activates on the languages it checks and on workspaces with a Dockerfile, never on startup', () => {
    for (const language of ['dockerfile', 'yaml', 'dockercompose']) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/Dockerfile'));
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/Containerfile'));
    assert.ok(!manifest.activationEvents.some((e) => e === '*' || e === 'onStartupFinished'));
  });

  it('registers exactly the commands it contributes', () => {
    const clientSources = fs
      .readdirSync(path.join(REPO_ROOT, 'client', 'src'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(REPO_ROOT, 'client', 'src', f), 'utf8'))
      .join('\n');
    const registered = [...clientSources.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(registered, manifest.contributes.commands.map((c) => c.command).sort());
    assert.ok(manifest.contributes.commands.every((c) => c.category === 'Seaworthy'));
  });

  it('contributes the seaworthy settings the server reads', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), [
      'seaworthy.checkWorkspaceOnStartup',
      'seaworthy.enable',
      'seaworthy.ignorePaths',
      'seaworthy.labelSchema',
      'seaworthy.podSecurityLevel',
      'seaworthy.profile',
      'seaworthy.rules',
      'seaworthy.scan.codeLens',
      'seaworthy.scan.dockerPath',
      'seaworthy.scan.engine',
      'seaworthy.scan.grypePath',
      'seaworthy.scan.insecureRegistries',
      'seaworthy.scan.osvDatabase',
      'seaworthy.scan.platform',
      'seaworthy.scan.timeoutSeconds',
      'seaworthy.scan.trivyPath',
      'seaworthy.strictLabels',
      'seaworthy.trace.server',
      'seaworthy.trustedRegistries',
    ]);
    assert.deepEqual((properties['seaworthy.podSecurityLevel'] as { enum?: unknown } | undefined)?.enum, ['', 'baseline', 'restricted']);
    assert.equal(properties['seaworthy.podSecurityLevel']?.default, '', 'an unset level must leave .seaworthy.yaml in charge');
    assert.equal(properties['seaworthy.profile']?.default, '', 'an unset profile setting must leave .seaworthy.yaml in charge');
    assert.equal(properties['seaworthy.scan.engine']?.default, 'auto');
    assert.equal(properties['seaworthy.enable']?.default, true);
    assert.equal(properties['seaworthy.rules']?.type, 'object');
    assert.equal(properties['seaworthy.ignorePaths']?.type, 'array');
    assert.equal(properties['seaworthy.strictLabels']?.default, false, 'the server layers only true, so the default leaves .seaworthy.yaml in charge');
    assert.deepEqual(properties['seaworthy.labelSchema']?.default, {});
  });

  it('has no language-overridable setting, so the server may ask for settings once per workspace folder', () => {
    // VS Code resolves the other scopes from the user, workspace and folder settings alone: the promise the extension makes.
    assert.equal(EXTENSION_INITIALIZATION_OPTIONS.settingsPerFolder, true);
    const overridable = Object.entries(manifest.contributes.configuration.properties).filter(([, p]) => p.scope === 'language-overridable');
    assert.deepEqual(overridable.map(([key]) => key), []);
  });

  it('is limited in untrusted workspaces: the settings that name a scanner are restricted', () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.match(trust?.description ?? '', /untrusted/);
    assert.deepEqual(trust?.restrictedConfigurations?.sort(), ['seaworthy.scan.dockerPath', 'seaworthy.scan.engine', 'seaworthy.scan.grypePath', 'seaworthy.scan.trivyPath']);
  });
});

const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
/** The packaging script `npm run package` runs: it checks the users' README, then calls vsce. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packaging = require(path.join(REPO_ROOT, 'scripts', 'package-vsix.js')) as {
  README_PACKAGED: string;
  imagesThePageCannotShow(markdown: string): string[];
  checkReadme(): void;
  vscePackageArgs(out: string): string[];
};

function vsce(args: string[]): string {
  const result = spawnSync(process.execPath, [VSCE, ...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  assert.equal(result.status, 0, `vsce ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** What the VSIX must hold, and nothing else: the bundles, the manifest, what users read. */
function expectedFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(REPO_ROOT, 'docs', 'rules'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/rules/${f}`);
  return [
    'package.json',
    packaging.README_PACKAGED,
    'CHANGELOG.md',
    'LICENSE',
    'dist/client.js',
    'dist/server.js',
    'dist/serverMain.js',
    'dist/engine.js',
    'dist/imageMentions.js',
    'dist/scan.js',
    'dist/cvss.js',
    'dist/cli.js',
    'media/seaworthy.svg',
    'media/icon.svg',
    manifest.icon,
    ...fs.readdirSync(path.join(REPO_ROOT, 'media', 'walkthrough')).map((f) => `media/walkthrough/${f}`),
    'dist/web-tree-sitter.wasm',
    'dist/tree-sitter-bash.wasm',
    ...manifest.contributes.grammars.map((g) => path.posix.normalize(g.path)),
    ...(manifest.contributes.yamlValidation ?? []).map((v) => path.posix.normalize(v.url)),
    ...docs,
  ].sort();
}

/** Names and contents of a zip's entries, from its central directory (stored or deflated). */
function readZip(zip: Buffer): Map<string, () => Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'a zip end-of-central-directory record');
  const entries = new Map<string, () => Buffer>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0, count = zip.readUInt16LE(end + 10); i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, () => {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = new Uint8Array(zip.buffer, zip.byteOffset + start, size);
      return method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

describe('the user README as packaged (scripts/package-vsix.js)', () => {
  it('names every image the Extensions page would show broken: all but https:, Markdown and HTML', () => {
    const markdown = '![A](docs/a%20b.png "title")\n<img alt="B" src="img/b.png">\n![C](https://example.org/c.png)\n![D](data:image/gif;base64,R0lG)\n![E](http://example.org/e.png)\n';
    assert.deepEqual(packaging.imagesThePageCannotShow(markdown).sort(), ['data:image/gif;base64,R0lG', 'docs/a%20b.png', 'http://example.org/e.png', 'img/b.png']);
  });

  it('passes README.vsix.md: it links no image the page cannot show', () => {
    assert.doesNotThrow(() => packaging.checkReadme());
  });
});

describe('VSIX contents', () => {
  before(() => {
    const missing = ['dist/client.js', 'dist/server.js', 'dist/serverMain.js', 'dist/engine.js', 'dist/imageMentions.js', 'dist/scan.js', 'dist/cvss.js', 'dist/cli.js'].filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
    assert.deepEqual(missing, [], 'run `npm run build` first');
  });

  it('lists exactly the bundles, manifest, readme, changelog, licence, grammar, schema and rule docs', () => {
    const listed = vsce(['ls', '--no-dependencies', '--readme-path', packaging.README_PACKAGED])
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .sort();
    assert.deepEqual(listed, expectedFiles());
    assert.deepEqual(
      listed.filter((f) => f !== packaging.README_PACKAGED && /\.ts$|\.map$|^(?:node_modules|test|client|server|scripts|examples|out|\.ci)\//.test(f)),
      [],
    );
  });

  describe('a real `vsce package`', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-vsix-'));
    const vsix = path.join(dir, 'seaworthy.vsix');
    let entries: Map<string, () => Buffer>;

    before(() => {
      vsce(packaging.vscePackageArgs(vsix));
      entries = readZip(fs.readFileSync(vsix));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('holds every listed file under extension/ and nothing else besides the VSIX manifests', () => {
      // vsce stores the readme, changelog and licence under its own names.
      const renamed: Record<string, string> = { [packaging.README_PACKAGED]: 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' };
      const expected = [...expectedFiles().map((f) => `extension/${renamed[f] ?? f}`), '[Content_Types].xml', 'extension.vsixmanifest'].sort();
      assert.deepEqual([...entries.keys()].sort(), expected);
    });

    it('ships a manifest whose entry points, grammar and schema are all inside the VSIX', () => {
      const packaged = JSON.parse(entries.get('extension/package.json')!().toString('utf8')) as Manifest;
      const inside = (p: string): boolean => entries.has(`extension/${path.posix.normalize(p)}`);
      assert.ok(inside(packaged.main), packaged.main);
      for (const bin of Object.values(packaged.bin ?? {})) assert.ok(inside(bin), bin);
      for (const g of packaged.contributes.grammars) assert.ok(inside(g.path), g.path);
      for (const v of packaged.contributes.yamlValidation ?? []) assert.ok(inside(v.url), v.url);
      assert.match(entries.get('extension/dist/cli.js')!().toString('utf8', 0, 64), /^#!\/usr\/bin\/env node/);
    });

    it('holds a language server that runs from its own files (the engine it loads on first use included)', async () => {
      const extracted = path.join(dir, 'extracted');
      for (const [name, read] of entries) {
        if (!name.startsWith('extension/')) continue;
        fs.mkdirSync(path.dirname(path.join(extracted, name)), { recursive: true });
        fs.writeFileSync(path.join(extracted, name), new Uint8Array(read()));
      }
      const client = await LspClient.start({ serverPath: path.join(extracted, 'extension', 'dist', 'server.js') });
      try {
        const uri = 'file:///vsix-check/Dockerfile';
        client.open(uri, 'dockerfile', 'FROM node:latest\n');
        const published = await client.diagnostics(uri, 1);
        assert.deepEqual(published.diagnostics.map((d) => d.code), ['base-image-latest-tag', 'final-stage-runs-as-root', 'full-size-base-image']);
        assert.equal(client.stderr, '');
      } finally {
        await client.stop();
      }
    });

    it('holds the user README as written, with no image that would show broken on the Extensions page', () => {
      const readme = entries.get('extension/readme.md')!().toString('utf8');
      assert.equal(readme, fs.readFileSync(path.join(REPO_ROOT, 'README.vsix.md'), 'utf8'));
      assert.deepEqual(packaging.imagesThePageCannotShow(readme), []);
      assert.match(readme, /^## Team policy: `\.seaworthy\.yaml`$/m);
    });

    it('stays small: every dependency is bundled, nothing else is', () => {
      const size = fs.statSync(vsix).size;
      assert.ok(size < 2 * 1024 * 1024, `${size} bytes`);
    });
  });
});

describe('bundles loaded on first use', () => {
  it('the CLI and the scan bundle reach the CVSS 4 calculator as dist/cvss.js, which scores a vector', () => {
    for (const bundle of ['cli.js', 'scan.js']) {
      const code = fs.readFileSync(path.join(REPO_ROOT, 'dist', bundle), 'utf8');
      assert.ok(code.includes('require("./cvss.js")'), `dist/${bundle} loads ./cvss.js`);
      // A metric name only the calculator's tables spell out.
      assert.ok(!code.includes('Attack Requirements'), `dist/${bundle} does not inline the calculator`);
    }
    // The same script the CLI runs, from dist/: `cvss4Score` through the separate bundle.
    const result = spawnSync(process.execPath, ['-e', 'const c = require("./cvss.js"); process.stdout.write(String(new c.Cvss4P0("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").calculateScores().overall))'], { cwd: path.join(REPO_ROOT, 'dist'), encoding: 'utf8' });
    assert.equal(result.stdout, '9.3', result.stderr);
    assert.ok(fs.readFileSync(path.join(REPO_ROOT, 'dist', 'cvss.js'), 'utf8').includes('Attack Requirements'));
  });
});

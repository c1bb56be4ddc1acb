import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanBuiltin } from '../../server/src/scan/builtin/builtinScan';
import { buildImage, writeOciLayout } from '../support/testImages';

/** Two records in the OSV schema as GitHub's advisory database exports them (SEMVER / ECOSYSTEM ranges, a severity word). */
const RECORDS = {
  'GHSA-35jh-r3h4-6jhm.json': {
    schema_version: '1.6.0',
    id: 'GHSA-35jh-r3h4-6jhm',
    summary: 'Command Injection in lodash',
    aliases: ['CVE-2021-23337'],
    affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
    references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337' }],
    database_specific: { severity: 'HIGH' },
  },
  'GHSA-h5c8-rqwp-cp95.json': {
    schema_version: '1.6.0',
    id: 'GHSA-h5c8-rqwp-cp95',
    summary: 'Jinja vulnerable to HTML attribute injection when passing user input as keys to xmlattr filter',
    aliases: ['CVE-2024-22195'],
    affected: [{ package: { ecosystem: 'PyPI', name: 'jinja2' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.1.3' }] }] }],
    database_specific: { severity: 'MODERATE' },
  },
};

describe('built-in scanner: npm and Python packages in the image', () => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-lang-'));
    const json = (value: unknown): string => JSON.stringify(value);
    const image = await buildImage({
      layers: [
        {
          entries: [
            { path: 'app/package.json', content: json({ name: 'my-app', version: '1.0.0' }) },
            { path: 'app/node_modules/lodash/package.json', content: json({ name: 'lodash', version: '4.17.20' }) },
            { path: 'app/node_modules/@babel/core/package.json', content: json({ name: '@babel/core', version: '7.24.0' }) },
            { path: 'app/node_modules/broken/package.json', content: '{ not json' },
            { path: 'usr/lib/python3/dist-packages/Jinja2-3.1.2.dist-info/METADATA', content: 'Metadata-Version: 2.1\nName: Jinja2\nVersion: 3.1.2\nSummary: A template engine\n\nName: not-a-header\n' },
            { path: 'usr/local/lib/python3.12/site-packages/requests-2.32.3.dist-info/METADATA', content: 'Metadata-Version: 2.1\r\nName: requests\r\nVersion: 2.32.3\r\n' },
          ],
        },
      ],
      config: { User: '10001' },
    });
    writeOciLayout(path.join(dir, 'layout'), { app: image });
    fs.mkdirSync(path.join(dir, 'osv'));
    for (const [name, record] of Object.entries(RECORDS)) fs.writeFileSync(path.join(dir, 'osv', name), json(record));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists node_modules packages and Python distributions, and matches them in the npm and PyPI ecosystems', async () => {
    const scan = await scanBuiltin(`oci:${path.join(dir, 'layout')}:app`, { platform: null, today: '2026-12-03', osvDatabase: path.join(dir, 'osv') });
    assert.deepEqual(
      scan.packages?.map((p) => `${p.type}:${p.name}@${p.version} ${p.foundIn}`),
      [
        'npm:@babel/core@7.24.0 /app/node_modules/@babel/core/package.json',
        'pypi:Jinja2@3.1.2 /usr/lib/python3/dist-packages/Jinja2-3.1.2.dist-info/METADATA',
        'npm:lodash@4.17.20 /app/node_modules/lodash/package.json',
        'pypi:requests@2.32.3 /usr/local/lib/python3.12/site-packages/requests-2.32.3.dist-info/METADATA',
      ],
    );
    assert.deepEqual(
      scan.vulnerabilities.map((v) => [v.id, v.package, v.installedVersion, v.fixedVersion, v.severity]),
      [
        ['GHSA-35jh-r3h4-6jhm', 'lodash', '4.17.20', '4.17.21', 'high'],
        ['GHSA-h5c8-rqwp-cp95', 'Jinja2', '3.1.2', '3.1.3', 'medium'],
      ],
    );
  });
});

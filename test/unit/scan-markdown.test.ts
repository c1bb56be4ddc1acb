import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatScanMarkdown } from '../../server/src/cli/formats/scanMarkdown';

describe('scan report in Markdown', () => {
  it('escapes what the scanner wrote and links only http(s) URLs', () => {
    const markdown = formatScanMarkdown({
      placed: true,
      cwd: '/w',
      inputErrors: [],
      scans: [
        {
          scan: {
            image: 'app:1',
            digest: null,
            engine: 'grype',
            os: null,
            vulnerabilities: [
              { id: 'CVE-1', package: 'pkg|x', installedVersion: '1.0', fixedVersion: null, severity: 'high', title: '<img src=x onerror=alert(1)> [click](javascript:alert(1))\nsecond line', url: 'javascript:alert(1)' },
              { id: 'CVE-2', package: 'b', installedVersion: '2', fixedVersion: '3', severity: 'low', title: 'ok', url: 'https://example.com/a b(c)' },
            ],
            findings: [],
          },
          locations: [{ file: 'Dockerfile', range: { start: { line: 4, character: 5 }, end: { line: 4, character: 9 } } }],
        },
      ],
    });
    assert.equal(
      markdown,
      [
        '# Image scan report',
        '',
        '## app:1',
        '',
        'engine: grype  ',
        '**1 high, 1 low**',
        '',
        '- named at `Dockerfile:5`',
        '',
        '| Severity | Vulnerability | Package | Installed | Fixed in | Title |',
        '| --- | --- | --- | --- | --- | --- |',
        '| High | CVE-1 | pkg\\|x | 1.0 | — | &lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(javascript:alert\\(1\\)\\) second line |',
        '| Low | [CVE-2](https://example.com/a%20b%28c%29) | b | 2 | 3 | ok |',
        '',
      ].join('\n'),
    );
  });
});

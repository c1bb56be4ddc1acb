import { VULNERABILITIES_NOT_CHECKED } from '../../model';
import { defineImageRule } from './imageRule';

export default defineImageRule({
  meta: {
    id: VULNERABILITIES_NOT_CHECKED,
    title: 'Vulnerabilities not checked',
    severity: 'info',
    category: 'supply-chain',
    rationale:
      "The built-in scanner matches the image's packages against an OSV database it reads from disk; without one (or with one it cannot read) it still reports the image's findings and packages, but it has not looked for known vulnerabilities. An empty vulnerability list then means \"not checked\", never \"none\". The note is informational: it never reaches a severity threshold, so it does not change the exit code.",
    fix: "Give the scanner an OSV database: a folder of OSV JSON records or osv.dev's per-ecosystem `all.zip` exports (for example Debian, Alpine, npm, PyPI, Go), with `seaworthy scan --osv-db PATH` or the setting `seaworthy.scan.osvDatabase`. Or scan with an external engine (`--engine trivy` or `grype`), which brings its own database.",
  },
  check(image) {
    return image.vulnerabilitiesNotChecked === null ? [] : [{ message: image.vulnerabilitiesNotChecked, path: null }];
  },
});

// `npm run package`: the VSIX, with README.vsix.md (the users' README) as its README.
//
// The Extensions page shows the README inside the VSIX, and shows an image only from an `https:`
// URL: VS Code's sanitizer keeps only `http:`/`https:` image sources on that page (relative paths
// and `data:` URIs lose their `src`) and the page's Content-Security-Policy allows no `http:`.
// An image shipped in the VSIX can therefore never load there (CONTRIBUTING.md, "The Extensions
// page"), and this project has no public URL to link one from: README.vsix.md describes in words
// what a screenshot would show, and an image there other than `https:` stops the packaging.
//
//   node scripts/package-vsix.js [out.vsix]      (default seaworthy.vsix)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
/** The README handed to vsce (`--readme-path`), relative to the repository root. */
const README_PACKAGED = 'README.vsix.md';

/** `![alt](src "title")` and `<img … src="src" …>`: the image source is group `src`. */
const IMAGE_PATTERNS = [/(!\[[^\]]*\]\(\s*)(?<src>[^)\s]+)/g, /(<img\b[^>]*?\bsrc\s*=\s*["'])(?<src>[^"']+)/gi];

/** The image sources of `markdown` that the Extensions page would show broken (all but `https:`). */
function imagesThePageCannotShow(markdown) {
  return IMAGE_PATTERNS.flatMap((pattern) => [...markdown.matchAll(pattern)].map((m) => m.groups.src)).filter((src) => !/^https:/i.test(src));
}

/** Throws, naming them, when the README to package links images the Extensions page cannot show. */
function checkReadme() {
  const broken = imagesThePageCannotShow(fs.readFileSync(path.join(root, README_PACKAGED), 'utf8'));
  if (broken.length > 0) {
    const names = broken.map((src) => (src.length > 60 ? `${src.slice(0, 60)}…` : src)).join(', ');
    throw new Error(`${README_PACKAGED} links images the Extensions page shows broken (only https: images load there; see CONTRIBUTING.md): ${names}`);
  }
}

/** vsce's arguments for packaging into `out`. */
function vscePackageArgs(out) {
  return ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', README_PACKAGED, '--out', out];
}

function packageVsix(out) {
  checkReadme();
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, ...vscePackageArgs(out)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vsce package failed (exit ${result.status ?? result.signal})`);
  return out;
}

module.exports = { README_PACKAGED, imagesThePageCannotShow, checkReadme, vscePackageArgs };

if (require.main === module) {
  try {
    const out = packageVsix(path.resolve(process.argv[2] ?? path.join(root, 'seaworthy.vsix')));
    console.log(`${path.relative(root, out)}: ${(fs.statSync(out).size / 1024 / 1024).toFixed(2)} MB`);
  } catch (e) {
    console.error(`package: ${e.message}`);
    process.exitCode = 1;
  }
}

// `npm run package`: the VSIX, with its user README made fit for the Extensions page first.
//
// VS Code's Extensions page shows only `https:` and `data:` images, and the README shown there is
// the one inside the VSIX: an image linked by a relative path (as README.vsix.md links the
// screenshots under docs/images/, so it reads well in the repository) never loads. So the README
// packaged is README.vsix.md with each relative image inlined as a `data:` URI
// (out/vsix/README.md); an image that cannot be inlined stops the packaging with its name.
//
//   node scripts/package-vsix.js [out.vsix]      (default seaworthy.vsix)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const README_SOURCE = 'README.vsix.md';
/** The README handed to vsce (`--readme-path`), relative to the repository root. */
const README_PACKAGED = 'out/vsix/README.md';

const MEDIA_TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

/** `![alt](src "title")` and `<img … src="src" …>`: the image source is group `src`. */
const IMAGE_PATTERNS = [/(!\[[^\]]*\]\(\s*)(?<src>[^)\s]+)/g, /(<img\b[^>]*?\bsrc\s*=\s*["'])(?<src>[^"']+)/gi];

/**
 * `markdown` with every relative image (resolved against `baseDir`) inlined as a `data:` URI.
 * `https:` and raster `data:` images stay as they are; anything else throws, naming the image.
 */
function inlineImages(markdown, baseDir) {
  let result = markdown;
  for (const pattern of IMAGE_PATTERNS) {
    result = result.replace(pattern, (whole, before, src) => before + imageSource(src, baseDir));
  }
  return result;
}

function imageSource(src, baseDir) {
  if (/^https:/i.test(src)) return src;
  if (/^data:image\/svg/i.test(src)) throw new Error(`${src.slice(0, 40)}…: the Extensions page shows no SVG images`);
  if (/^data:image\//i.test(src)) return src;
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/')) {
    throw new Error(`${src}: the Extensions page shows only https: and data: images; link a file beside the README instead`);
  }
  const file = path.resolve(baseDir, decodeURI(src));
  const type = MEDIA_TYPES[path.extname(file).toLowerCase()];
  if (!type) throw new Error(`${src}: not a PNG, JPEG, GIF or WebP image (the Extensions page shows no SVG)`);
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new Error(`${src}: cannot read ${file} (${e.code ?? e.message})`);
  }
  return `data:${type};base64,${bytes.toString('base64')}`;
}

/** Writes the README to package (README.vsix.md, images inlined); returns its path. */
function writePackagedReadme() {
  const source = path.join(root, README_SOURCE);
  const packaged = path.join(root, README_PACKAGED);
  const markdown = inlineImages(fs.readFileSync(source, 'utf8'), path.dirname(source));
  fs.mkdirSync(path.dirname(packaged), { recursive: true });
  fs.writeFileSync(packaged, markdown);
  return packaged;
}

/** vsce's arguments for packaging into `out` (links are left as written: the images are inlined). */
function vscePackageArgs(out) {
  return ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', README_PACKAGED, '--out', out];
}

function packageVsix(out) {
  writePackagedReadme();
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, ...vscePackageArgs(out)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vsce package failed (exit ${result.status ?? result.signal})`);
  return out;
}

module.exports = { README_SOURCE, README_PACKAGED, IMAGE_PATTERNS, inlineImages, writePackagedReadme, vscePackageArgs };

if (require.main === module) {
  try {
    const out = packageVsix(path.resolve(process.argv[2] ?? path.join(root, 'seaworthy.vsix')));
    console.log(`${path.relative(root, out)}: ${(fs.statSync(out).size / 1024 / 1024).toFixed(2)} MB`);
  } catch (e) {
    console.error(`package: ${e.message}`);
    process.exitCode = 1;
  }
}

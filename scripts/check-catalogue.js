// Lists the base-image catalogue's entries (families, variants, alternatives, deprecations,
// release cycles, OS releases) whose `checked` date is more than six months before today, with
// the source to check them against. A reminder to refresh the data, not a CI gate: exits 0
// whatever it finds (2 only on a bad argument or a missing build).
//
//   node scripts/check-catalogue.js                     judged against today's date (UTC)
//   node scripts/check-catalogue.js --today 2027-09-01  judged against that day (for tests)
//
// Reads the compiled catalogue (out/server/src/engine/catalogue), so run `tsc -b server` first
// (`npm run check-catalogue` does).
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const CATALOGUE = path.join(ROOT, 'out', 'server', 'src', 'engine', 'catalogue');
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` six calendar months earlier, the day clamped to the month's length (08-31 → 02-28). */
function sixMonthsBefore(day) {
  const [, y, m, d] = DATE.exec(day).map(Number);
  const months = y * 12 + (m - 1) - 6;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function isRealDate(text) {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

function parseArgs(argv) {
  let today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--today' && i + 1 < argv.length) today = argv[++i];
    else throw new Error(`unknown argument ${JSON.stringify(argv[i])}: usage: check-catalogue.js [--today YYYY-MM-DD]`);
  }
  if (!isRealDate(today)) throw new Error(`--today wants a date as YYYY-MM-DD, got ${JSON.stringify(today)}`);
  return { today };
}

/** Every dated entry once (shared tables such as the Java lines are listed under their first owner). */
function entries(families, osReleases) {
  const seen = new Set();
  const out = [];
  const add = (what, entry) => {
    if (seen.has(entry)) return;
    seen.add(entry);
    out.push({ what, checked: entry.checked, source: entry.source });
  };
  for (const [name, cycles] of Object.entries(osReleases)) for (const c of cycles) add(`OS ${name} ${c.cycle}`, c);
  for (const family of families) {
    add(`${family.id}`, family);
    for (const c of family.cycles) add(`${family.id} cycle ${c.cycle}`, c);
    for (const v of family.variants) add(`${family.id} variant ${v.name} [${v.words.join(' ')}]`, v);
    for (const a of family.alternatives) add(`${family.id} alternative ${a.image}`, a);
    if (family.deprecated) add(`${family.id} deprecation`, family.deprecated);
  }
  return out;
}

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`check-catalogue: ${error.message}`);
    return 2;
  }
  const index = path.join(CATALOGUE, 'families', 'index.js');
  if (!fs.existsSync(index)) {
    console.error(`check-catalogue: ${path.relative(ROOT, index)} is missing: run \`npx tsc -b server\` first`);
    return 2;
  }
  const { FAMILIES } = require(index);
  const { OS_RELEASES } = require(path.join(CATALOGUE, 'osReleases.js'));
  const all = entries(FAMILIES, OS_RELEASES);
  const cutoff = sixMonthsBefore(args.today);
  const stale = all.filter((e) => e.checked < cutoff).sort((a, b) => a.checked.localeCompare(b.checked) || a.what.localeCompare(b.what));
  if (stale.length === 0) {
    console.log(`check-catalogue: all ${all.length} catalogue entries were checked on or after ${cutoff} (six months before ${args.today}).`);
    return 0;
  }
  console.log(`check-catalogue: ${stale.length} of ${all.length} catalogue entries were last checked before ${cutoff} (six months before ${args.today}); check them again at their source and update \`checked\`:`);
  for (const e of stale) console.log(`  ${e.checked}  ${e.what}\n              source: ${e.source}`);
  return 0;
}

process.exitCode = main();

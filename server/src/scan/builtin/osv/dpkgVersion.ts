/**
 * Debian package version order (Debian Policy 5.6.12), written here rather than taken from npm:
 * no well-kept npm package implements it, and the rules are short. A version is
 * `[epoch:]upstream[-revision]`; the epoch compares as a number, then upstream, then revision, each
 * by alternating runs of non-digits (letters before other characters, `~` before everything,
 * even the end) and digits (as numbers). A test checks it against `dpkg --compare-versions`.
 */
export function compareDpkgVersions(a: string, b: string): number {
  const x = splitDpkgVersion(a);
  const y = splitDpkgVersion(b);
  return sign(x.epoch - y.epoch) || compareDpkgPart(x.upstream, y.upstream) || compareDpkgPart(x.revision, y.revision);
}

interface DpkgVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

function splitDpkgVersion(version: string): DpkgVersion {
  const text = version.trim();
  const colon = text.indexOf(':');
  const epoch = colon > 0 && /^\d+$/.test(text.slice(0, colon)) ? Number(text.slice(0, colon)) : 0;
  const rest = colon > 0 ? text.slice(colon + 1) : text;
  const dash = rest.lastIndexOf('-');
  return dash < 0 ? { epoch, upstream: rest, revision: '' } : { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** The weight of one character of a non-digit run: `~` lowest, then the end of the run, then letters, then the rest. */
function weight(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (c === '~') return -1;
  if (isLetter(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function compareDpkgPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // A run of non-digits, character by character.
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const difference = weight(a[i]) - weight(b[j]);
      if (difference !== 0) return sign(difference);
      i++;
      j++;
    }
    // A run of digits, as a number (leading zeros do not count; no length limit).
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    const startA = i;
    const startB = j;
    while (isDigit(a[i])) i++;
    while (isDigit(b[j])) j++;
    const digitsA = a.slice(startA, i);
    const digitsB = b.slice(startB, j);
    if (digitsA.length !== digitsB.length) return sign(digitsA.length - digitsB.length);
    if (digitsA !== digitsB) return digitsA < digitsB ? -1 : 1;
  }
  return 0;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

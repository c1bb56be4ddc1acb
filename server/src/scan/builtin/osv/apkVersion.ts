/**
 * Alpine package version order, as apk-tools (3.x) applies it, written here: no well-kept npm
 * package implements it. A version is `N[.N]…[letter][_suffix[N]]…[~hash][-rN]`. Parts compare
 * in turn while they are of the same kind: numbers as numbers, except that a later number with a
 * leading zero on either side compares as text (1.01 < 1.1, 1.001 < 1.01, Gentoo's rule); the
 * suffixes `_alpha` < `_beta` < `_pre` < `_rc` come before the plain version and `_cvs` < `_svn` <
 * `_git` < `_hg` < `_p` after it; `-rN` is the package revision. When the parts run out on one
 * side or change kind, the side with the later kind of part (the end being the latest) is older —
 * 1.2 < 1.2.1, 1.2 < 1.2a, 1.2 < 1.2-r1 — except that a pre-release suffix is older still.
 */
export function compareApkVersions(a: string, b: string): number {
  const x = apkParts(a.trim());
  const y = apkParts(b.trim());
  for (let i = 0; ; i++) {
    const s = x[i] as Part;
    const t = y[i] as Part;
    if (s.kind !== t.kind || s.kind >= Kind.End) {
      if (s.kind === t.kind) return 0;
      if (s.kind === Kind.Suffix && s.value < 0) return -1;
      if (t.kind === Kind.Suffix && t.value < 0) return 1;
      return s.kind > t.kind ? -1 : 1;
    }
    const order = compareParts(s, t);
    if (order !== 0) return order;
  }
}

/** The kinds of parts, in the order they may follow one another. */
const enum Kind {
  FirstNumber,
  Number,
  Letter,
  Suffix,
  SuffixNumber,
  CommitHash,
  Revision,
  End,
  Invalid,
}

interface Part {
  kind: Kind;
  /** A number's value, a letter's code, a suffix's rank (negative for pre-release). */
  value: number;
  /** As written (numbers with a leading zero and commit hashes compare as text). */
  text: string;
}

const PRE_RELEASE = ['alpha', 'beta', 'pre', 'rc'];
const POST_RELEASE = ['cvs', 'svn', 'git', 'hg', 'p'];

function compareParts(s: Part, t: Part): number {
  const asText = s.kind === Kind.CommitHash || (s.kind === Kind.Number && (s.text.startsWith('0') || t.text.startsWith('0')));
  if (asText) return s.text < t.text ? -1 : s.text > t.text ? 1 : 0;
  return s.value < t.value ? -1 : s.value > t.value ? 1 : 0;
}

/** The parts of a version, ending with End (or Invalid where it stops making sense). */
function apkParts(text: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  const take = (pattern: RegExp): string => {
    const found = pattern.exec(text.slice(i))?.[0] ?? '';
    i += found.length;
    return found;
  };
  const push = (kind: Kind, value: number, written: string): void => void parts.push({ kind, value, text: written });
  const digits = take(/^\d+/);
  if (digits === '') return [{ kind: Kind.Invalid, value: 0, text: '' }];
  push(Kind.FirstNumber, Number(digits), digits);
  for (;;) {
    const last = (parts.at(-1) as Part).kind;
    if (i >= text.length) return [...parts, { kind: Kind.End, value: 0, text: '' }];
    const c = text[i] as string;
    let ok = false;
    if (c >= 'a' && c <= 'z' && last <= Kind.Number) {
      push(Kind.Letter, c.charCodeAt(0), c);
      i++;
      ok = true;
    } else if (c === '.' && last <= Kind.Number) {
      i++;
      const n = take(/^\d+/);
      if (n !== '') (push(Kind.Number, Number(n), n), (ok = true));
    } else if (c === '_' && last <= Kind.SuffixNumber) {
      i++;
      const word = take(/^[a-z]+/);
      const rank = PRE_RELEASE.includes(word) ? PRE_RELEASE.indexOf(word) - PRE_RELEASE.length : POST_RELEASE.indexOf(word);
      if (word !== '' && (PRE_RELEASE.includes(word) || rank >= 0)) {
        push(Kind.Suffix, rank, word);
        const n = take(/^\d+/);
        if (n !== '') push(Kind.SuffixNumber, Number(n), n);
        ok = true;
      }
    } else if (c === '~' && last < Kind.CommitHash) {
      i++;
      const hash = take(/^[0-9a-f]+/);
      if (hash !== '') (push(Kind.CommitHash, 0, hash), (ok = true));
    } else if (c === '-' && text[i + 1] === 'r' && last < Kind.Revision) {
      i += 2;
      const n = take(/^\d+/);
      if (n !== '') (push(Kind.Revision, Number(n), n), (ok = true));
    }
    if (!ok) return [...parts, { kind: Kind.Invalid, value: 0, text: '' }];
  }
}

/**
 * BuildKit's "did you mean", kept to the typos no two real names are likely to share: one of
 * `options` written in another case, with two neighbouring letters swapped (`PAHT`), or
 * with one letter more or less (`NODE_VERSON`, names of five letters or more). One letter
 * replaced by another is left alone: `APP_UID` next to a declared `APP_GID` is a different
 * variable (the .NET images set `APP_UID`), not a typo.
 */
export function nearestName(name: string, options: readonly string[]): string | undefined {
  if (options.includes(name)) return undefined;
  const lower = name.toLowerCase();
  return options.find((option) => option.toLowerCase() === lower) ?? options.find((option) => swapsTwoNeighbours(name, option) || (Math.min(name.length, option.length) >= 5 && differsByOneLetter(name, option)));
}

function swapsTwoNeighbours(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** `b` is `a` with one character inserted or removed. */
function differsByOneLetter(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/**
 * Makes a failing input small while it still fails the same way: drops chunks of lines, then
 * chunks of characters, halving the chunk size each pass (delta debugging), within `budget` tries.
 */
export function shrink(text: string, fails: (candidate: string) => boolean, budget = 3000): string {
  let current = text;
  let tries = 0;
  const attempt = (candidate: string): boolean => {
    if (tries >= budget || candidate === current) return false;
    tries++;
    if (!fails(candidate)) return false;
    current = candidate;
    return true;
  };
  for (const unit of ['line', 'char'] as const) {
    const split = (t: string): string[] => (unit === 'line' ? t.split(/(?<=\n)/) : [...t]);
    let chunk = Math.max(1, Math.floor(split(current).length / 2));
    while (chunk >= 1 && tries < budget) {
      let parts = split(current);
      let removed = false;
      for (let at = 0; at < parts.length && tries < budget; ) {
        if (attempt([...parts.slice(0, at), ...parts.slice(at + chunk)].join(''))) {
          parts = split(current);
          removed = true;
        } else at += chunk;
      }
      if (!removed) chunk = Math.floor(chunk / 2);
    }
  }
  return current;
}

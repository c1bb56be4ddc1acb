/**
 * Inline expectations in fixtures. A trailing `# expect: rule-a,rule-b` marks its own line; a
 * comment line holding only `# expect: …` marks the next line that is not a comment (Dockerfiles
 * have no trailing comments).
 */
export interface Expectation {
  line: number;
  ruleId: string;
}

const EXPECT = /#\s*expect:\s*([a-z0-9][a-z0-9,\s-]*)$/;

export function expectationsOf(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  lines.forEach((line, index) => {
    const m = EXPECT.exec(line);
    if (!m?.[1]) return;
    let target = index;
    if (/^\s*#/.test(line)) {
      target = index + 1;
      while (target < lines.length && /^\s*(?:#.*)?$/.test(lines[target] ?? '')) target++;
    }
    for (const ruleId of m[1].split(',').map((s) => s.trim()).filter(Boolean)) out.push({ line: target, ruleId });
  });
  return out;
}

export function key(e: Expectation): string {
  return `${e.line + 1}:${e.ruleId}`;
}

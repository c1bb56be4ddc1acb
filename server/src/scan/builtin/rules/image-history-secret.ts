import { secretAssignment, splitAssignment } from '../secretValues';
import { defineImageRule } from './imageRule';

/**
 * The `NAME=value` pairs a history step records: `ARG NAME=value` (BuildKit and the classic
 * builder's `#(nop)` form), and the build arguments BuildKit writes before a RUN (`RUN |2 A=1 B=2 …`).
 */
export function historyAssignments(createdBy: string): { name: string; value: string }[] {
  const text = createdBy.replace(/^\/bin\/sh -c #\(nop\)\s+/, '').trim();
  const arg = /^ARG\s+(.*)$/.exec(text);
  if (arg) return (arg[1] as string).split(/\s+/).flatMap((word) => splitAssignment(word) ?? []);
  const run = /^(?:RUN\s+)?\|(\d+)\s+(.*)$/.exec(text);
  if (!run) return [];
  return (run[2] as string)
    .split(/\s+/)
    .slice(0, Number(run[1]))
    .flatMap((word) => splitAssignment(word) ?? []);
}

export default defineImageRule({
  meta: {
    id: 'image-history-secret',
    title: 'Secret in the image build history',
    severity: 'high',
    category: 'secrets',
    rationale:
      'A build argument with a secret-looking name was given a value, and the image history (`docker history`) records it: BuildKit writes the build arguments a RUN used before its command, and `ARG NAME=value` keeps the default. Anyone who can pull the image can read it. The value is not repeated in this report.',
    fix: 'Pass the secret with `RUN --mount=type=secret,id=…` and `docker build --secret`, which keeps it out of the image, and rotate the value that was published.',
  },
  check(image) {
    const seen = new Set<string>();
    const hits: { message: string; path: null }[] = [];
    (image.config.history ?? []).forEach((step, index) => {
      for (const { name, value } of historyAssignments(step.created_by ?? '')) {
        const word = secretAssignment(name, value);
        if (!word || seen.has(name)) continue;
        seen.add(name);
        hits.push({ message: `history step ${index + 1} records the build argument ${name} with its value, a secret (${word})`, path: null });
      }
    });
    return hits;
  },
});

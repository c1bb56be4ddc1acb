import { Copy } from 'dockerfile-ast';
import { fromFlagOf } from '../../dockerfile/copyFrom';
import { findCycle, hasEnded, nextSupported } from '../../catalogue/imageTags';
import { endOfLife, lookUpImage, releaseName, type ImageFacts } from '../../catalogue/lookup';
import { ALPINE_RELEASES, OS_CODENAMES, OS_RELEASES, OS_TITLES } from '../../catalogue/osReleases';
import type { ReleaseCycle } from '../../catalogue/types';
import { baseImageFacts, finalImageParts } from '../../dockerfile/finalImage';
import { defineRule, type DockerfileContext } from '../../rule';
import type { Range, Suggestion } from '../../types';

/**
 * Judged against today's date (a lint parameter) with the catalogue's release tables, for
 * every stage that reaches the final image: its chain, and the stages (or images) it copies
 * from, since a binary built with an ended Go release carries that release's unfixed standard
 * library. Stages nothing copies from are left alone. Debian releases past regular security
 * support are reported with the end of Debian LTS, which still patches some packages.
 *
 * Not a fix: moving to a newer major line changes the software. The editor offers the same tag
 * on the oldest supported line as a choice.
 */
export default defineRule({
  meta: {
    id: 'base-image-end-of-life',
    title: 'Base image is end-of-life',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    refs: {},
    fixable: false,
    rationale:
      'A runtime or distribution past its end of life gets no more security fixes: every vulnerability found from then on stays in the image, and scanners report more of them each month. The date is judged against today, from the catalogue\'s release tables (each with its source and the date it was checked): Node.js 16 ended on 2023-09-11, Debian 10 (buster) on 2022-09-10. Move to a supported release line, in every stage whose files reach the final image.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM node:24-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ["node", "server.js"]\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM node:16-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ["node", "server.js"]\n',
    },
  },
  check(context) {
    const parts = finalImageParts(context.dockerfile);
    for (const stage of parts.stages) {
      const facts = baseImageFacts(stage.base);
      if (!facts) continue;
      const written = stage.base.written;
      report(context, facts, written, stage.base.range);
    }
    for (const { reference, instruction } of parts.images) {
      const facts = lookUpImage(reference);
      const flag = instruction instanceof Copy ? fromFlagOf(instruction) : null;
      const range = flag?.getValueRange();
      if (facts && flag && range) report(context, facts, flag.getValue() ?? '', range);
    }
  },
});

function report(context: DockerfileContext, facts: ImageFacts, written: string, range: Range): void {
  const ended = endOfLife(facts, context.today);
  if (ended.length === 0) return;
  const what = ended.map(({ what, cycle }) => `${what} reached end of life on ${cycle.eol}${cycle.extendedUntil && cycle.extendedUntil > context.today ? ` (extended support only, until ${cycle.extendedUntil})` : ''}`);
  const suggestion = written.includes('$') ? null : supportedRetag(facts, written, range, context.today);
  context.report({
    range,
    message: `${written} is end-of-life: ${what.join('; ')}. It gets no more security fixes; move to a supported release${suggestion ? ` such as ${suggestion.image}` : ''}`,
    ...(suggestion ? { suggestions: [suggestion.suggestion] } : {}),
  });
}

/** The same tag on the oldest supported lines: `node:16-alpine` → `node:22-alpine`, `debian:buster-slim` → `debian:trixie-slim`. */
function supportedRetag(facts: ImageFacts, written: string, range: Range, today: string): { image: string; suggestion: Suggestion } | null {
  const colon = written.lastIndexOf(':');
  if (colon <= written.lastIndexOf('/') || written.includes('@')) return null;
  const name = written.slice(0, colon);
  const words = written.slice(colon + 1).split('-');
  const notes: string[] = [];
  const swap = (index: number, cycle: ReleaseCycle, title: string, useCodename: boolean): boolean => {
    const next = nextSupportedOf(facts, cycle, today);
    if (!next) return false;
    words[index] = useCodename ? (next.codenames?.[0] ?? next.cycle) : next.cycle;
    notes.push(`${releaseName(title, next)}${next.eol ? `, supported until ${next.eol}` : ''}`);
    return true;
  };
  let changed = false;
  words.forEach((word, index) => {
    const lower = word.toLowerCase();
    const named = OS_CODENAMES.get(lower);
    const alpine = /^alpine(\d+\.\d+)$/.exec(lower);
    const alpineCycle = alpine ? findCycle(ALPINE_RELEASES, alpine[1] ?? '') : null;
    if (named && hasEnded(named.cycle, today)) changed = swap(index, named.cycle, OS_TITLES[named.os], true) || changed;
    else if (alpineCycle && hasEnded(alpineCycle, today)) {
      const next = nextSupported(ALPINE_RELEASES, alpineCycle, today);
      if (next) {
        words[index] = `alpine${next.cycle}`;
        notes.push(`Alpine ${next.cycle}, supported until ${next.eol}`);
        changed = true;
      }
    }
    else if (index === 0 && facts.cycle && hasEnded(facts.cycle, today) && (lower === facts.cycle.cycle || lower.startsWith(`${facts.cycle.cycle}.`) || facts.cycle.codenames?.includes(lower))) {
      changed = swap(index, facts.cycle, facts.family.title, facts.cycle.codenames?.includes(lower) === true && facts.family.kind === 'os') || changed;
    }
  });
  if (!changed) return null;
  const image = `${name}:${words.join('-')}`;
  return { image, suggestion: { title: `Move to ${image} (${notes.join('; ')})`, edits: [{ range, newText: image }] } };
}

function nextSupportedOf(facts: ImageFacts, cycle: ReleaseCycle, today: string): ReleaseCycle | null {
  const table = facts.family.cycles.includes(cycle) ? facts.family.cycles : facts.os ? OS_RELEASES[facts.os.name] : [];
  return nextSupported(table, cycle, today);
}

import type { LineIndex } from '../../parse/lineIndex';
import type { ParsedYamlChunk } from '../../parse/yamlDocuments';
import { mayHoldAliases, resolveAnchors, type AliasUse, type ResolvedAnchors } from '../../parse/yamlResolve';
import type { Finding, Fix, Range, TextEdit } from '../types';

/**
 * Findings on a manifest whose anchors, aliases and merge keys were resolved (`resolveAnchors`):
 * a finding that only an alias put there names its anchor, and no edit is ever made through an
 * alias's token (it would break every other user of the anchor); a fix that edits an anchored
 * node says that it changes every alias of it too.
 */
export function resolveManifestAnchors(parsed: ParsedYamlChunk): ResolvedAnchors | null {
  if (!parsed.doc || (!parsed.hasDuplicateKeys && !mayHoldAliases(parsed.chunk.text))) return null;
  return resolveAnchors(parsed.doc, parsed.hasDuplicateKeys);
}

/**
 * `duplicate key "privileged"` findings, reported on the key the decoder drops, with a fix that
 * deletes that pair when it has its lines to itself (a block map's pair, comments after it).
 */
export function duplicateKeyMessages(resolved: ResolvedAnchors | null, lines: LineIndex): { message: string; range: Range; fix?: Fix }[] {
  return (resolved?.duplicates ?? []).map((d) => {
    const message = `duplicate key "${d.key}": kubectl's strict field validation rejects the object, and a lenient decoder keeps only the later value (checked here)`;
    const range = lines.range(d.start, d.end);
    const first = lines.lineStart(range.start.line);
    const endLine = lines.position(d.pairEnd).line;
    const next = lines.offset({ line: endLine + 1, character: 0 });
    const ownLines = /^[ \t]*$/.test(lines.text.slice(first, d.start)) && /^[ \t]*(?:#.*)?\r?\n?$/.test(lines.text.slice(d.pairEnd, next)) && next > d.pairEnd;
    if (!ownLines) return { message, range };
    return { message, range, fix: { title: `Remove the earlier "${d.key}" (the later one is kept)`, edits: [{ range: lines.range(first, next), newText: '' }] } };
  });
}

export function anchorAwareFindings(findings: Finding[], resolved: ResolvedAnchors | null, lines: LineIndex): Finding[] {
  if (!resolved || resolved.aliases.length === 0) return findings;
  const uses = resolved.aliases;
  const span = (r: Range): [number, number] => [lines.offset(r.start), lines.offset(r.end)];
  const { touchesAlias, anchoredBy } = aliasEdits(resolved, lines);
  return findings.map((f) => {
    const [start, end] = span(f.range);
    const via = uses.find((a) => (a.start <= start && end <= a.end) || (a.end === end && a.start >= start));
    const out: Finding = { ...f };
    if (via) out.message = withAnchor(f.message, via);
    if (f.fix) {
      if (touchesAlias(f.fix.edits)) delete out.fix;
      else {
        const shared = anchoredBy(f.fix.edits);
        if (shared) out.fix = { ...f.fix, title: `${f.fix.title} (also changes every *${shared.anchor})` };
      }
    }
    if (f.suggestions) {
      const kept = f.suggestions.filter((s) => !touchesAlias(s.edits));
      if (kept.length > 0) out.suggestions = kept;
      else delete out.suggestions;
    }
    return out;
  });
}

/**
 * How edits meet the aliases of a resolved document: `touchesAlias` names the alias an edit
 * would write through (its token, or an insert into the copy it stands for, which lands after
 * it), `anchoredBy` the alias whose anchored node an edit changes (and so every use of it).
 */
export function aliasEdits(resolved: ResolvedAnchors | null, lines: LineIndex): { touchesAlias: (edits: readonly TextEdit[]) => AliasUse | undefined; anchoredBy: (edits: readonly TextEdit[]) => AliasUse | undefined } {
  const uses = resolved?.aliases ?? [];
  const span = (r: Range): [number, number] => [lines.offset(r.start), lines.offset(r.end)];
  // An insert into a copied map lands after its last (copied) pair: at the alias's end or, when
  // the alias ends its line, at the start of the next line. Both count as editing through it.
  const reach = uses.map((a) => {
    const next = lines.offset({ line: lines.position(a.end).line + 1, character: 0 });
    const rest = lines.text.slice(a.end, next);
    return /^[ \t]*(?:#.*)?\r?\n?$/.test(rest) ? next : a.end + (/^[ \t]*,/.exec(rest)?.[0].length ?? 0);
  });
  // An insert on the next line that is indented no deeper than the alias's own line belongs to
  // an outer map (a pod spec's new key after its containers), not to the copy; after a merge key
  // (`<<: *sc`) the map at that indentation is the one the copies were merged into.
  const outer = (e: TextEdit, a: AliasUse, at: number): boolean => {
    const line = lines.text.slice(lines.lineStart(lines.position(a.start).line), a.start);
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    const inserted = /^[ \t]*/.exec(e.newText)?.[0].length ?? 0;
    return at > a.end && (isMergeKey(line) ? inserted < indent : inserted <= indent);
  };
  const touchesAlias = (edits: readonly TextEdit[]): AliasUse | undefined =>
    uses.find((a, i) =>
      edits.some((e) => {
        const [s, t] = span(e.range);
        const upTo = reach[i] ?? a.end;
        return s <= Math.max(a.end, upTo) && a.start <= t && !(s === t && s === upTo && outer(e, a, s));
      }),
    );
  const anchoredBy = (edits: readonly TextEdit[]): AliasUse | undefined =>
    uses.find((a) => edits.some((e) => {
      const [s, t] = span(e.range);
      return a.anchorStart <= s && t <= a.anchorEnd;
    }));
  return { touchesAlias, anchoredBy };
}

/** Whether the text before an alias on its line makes it a merge key's value (`<<: *sc`). */
export function isMergeKey(lineBeforeAlias: string): boolean {
  return /<<\s*:\s*$/.test(lineBeforeAlias);
}

/** `Container "b" … runs privileged (set by the anchor &sc, used here as *sc) — violates …`. */
function withAnchor(message: string, use: AliasUse): string {
  const note = ` (set by the anchor &${use.anchor}, used here as *${use.anchor}; change it there or write the value here)`;
  const cut = message.indexOf(' — ');
  return cut === -1 ? message + note : message.slice(0, cut) + note + message.slice(cut);
}

import type { YAMLMap } from 'yaml';
import { LineIndex } from '../../parse/lineIndex';
import { parseYamlChunk, splitYamlDocuments } from '../../parse/yamlDocuments';
import { FALLBACK_NON_ROOT_UID } from '../dockerfile/nonRootBaseImages';
import type { YamlDocumentContext } from '../rule';
import type { Position, Range, TextEdit } from '../types';
import type { AliasUse } from '../../parse/yamlResolve';
import { aliasEdits, isMergeKey, resolveManifestAnchors } from './anchoredFindings';
import { findKubernetesObjects, type PodSpecSite, type PodTemplatePath } from './objects';
import { CONFINING_PROFILE_TYPES, inUserNamespace, isWindowsPod, nonRootUidFor, securityContextOf } from './podSecurity';
import { pairOf, scalarValue } from './objects';
import { includes, map, mergeEditsInto, scalar, type DesiredEntry } from './yamlMerge';

/** One "Harden this workload" choice for the pod spec under the cursor. */
export interface HardenAction {
  title: string;
  edits: TextEdit[];
}

export interface HardenInput {
  text: string;
  position: Position;
  podTemplatePaths?: readonly PodTemplatePath[];
  /**
   * Whether the user chose to keep the container whose `privileged: true` is on this (file) line
   * privileged: its privileged-container finding is ignored or turned off. Such a container keeps
   * `privileged` and gets no `allowPrivilegeEscalation: false`, which the API server would reject
   * next to it.
   */
  keepsPrivileged?: (line: number) => boolean;
}

export const HARDEN_TITLE = 'Harden this workload (restricted Pod Security Standard)';
export const HARDEN_READ_ONLY_TITLE = 'Harden this workload, with a read-only root filesystem';

const isTrue = (v: unknown): boolean => v === true;
const isFalse = (v: unknown): boolean => v === false;
const isConfining = (v: unknown): boolean => CONFINING_PROFILE_TYPES.has(String(v));

/**
 * The restricted profile for the workload whose object holds `position`, as one edit merged into
 * what is there: on the pod `runAsNonRoot: true` and `seccompProfile: {type: RuntimeDefault}`; on
 * every container `allowPrivilegeEscalation: false`, `capabilities.drop: [ALL]`, `privileged`
 * false, `procMount` Default, a non-root UID for `runAsUser: 0`, and RuntimeDefault for an
 * unconfined seccomp profile. Windows pods get only what applies to them, pods with
 * `hostUsers: false` keep their users. Host namespaces, host ports, hostPath volumes and added
 * capabilities are decisions, not defaults: they stay for their own findings. Parses only the
 * YAML document under the cursor, and only when asked.
 */
export function hardenWorkloadActions(input: HardenInput): HardenAction[] {
  const chunk = splitYamlDocuments(input.text).find((c, i, all) => i === all.length - 1 || (all[i + 1]?.startLine ?? 0) > input.position.line);
  if (!chunk) return [];
  const parsed = parseYamlChunk(chunk);
  if (!parsed.doc || parsed.errors.length > 0) return [];
  // As the API server reads it: a container whose securityContext is `*sc` has the anchor's values.
  const anchors = resolveManifestAnchors(parsed);
  const lines = new LineIndex(chunk.text);
  const { touchesAlias, anchoredBy } = aliasEdits(anchors, lines);
  const context = editContext(chunk.text, lines, parsed.doc);
  const at = lines.offset({ line: input.position.line - chunk.startLine, character: input.position.character });
  const object = findKubernetesObjects(parsed.doc, input.podTemplatePaths ?? []).find((o) => o.node.range && o.node.range[0] <= at && at <= o.node.range[2] && o.podSpecs.length > 0 && !o.apiVersion.startsWith('tekton.dev/'));
  if (!object) return [];
  const actions: HardenAction[] = [];
  for (const [title, readOnly] of [[HARDEN_TITLE, false], [HARDEN_READ_ONLY_TITLE, true]] as const) {
    const keepsPrivileged = (offset: number): boolean => input.keepsPrivileged?.(lines.position(offset).line + chunk.startLine) ?? false;
    const all = object.podSpecs.flatMap((site) => hardenTargets(site, readOnly, keepsPrivileged));
    // A map that only an alias puts there is never edited through the alias (every other user of
    // the anchor would change with it, or the file would break): the title says what was left.
    const skipped: AliasUse[] = [];
    const targets = all.filter((target) => {
      const via = touchesAlias(mergeEditsInto(context, [target]) ?? []);
      if (via) skipped.push(via);
      return !via;
    });
    const edits = mergeEditsInto(context, targets);
    if (!edits || edits.length === 0) continue;
    const shared = anchoredBy(edits);
    // A map that is the alias alone is hardened with its anchor; one that merges it (`<<: *sc`) is not.
    const left = skipped.filter((a) => a.anchor !== shared?.anchor || isMergeKey(chunk.text.slice(lines.lineStart(lines.position(a.start).line), a.start)));
    const notes = [
      ...(shared ? [`also changes every *${shared.anchor}`] : []),
      ...[...new Set(left.map((a) => a.anchor))].map((a) => `not through *${a}: harden the anchor &${a} or write the values in place`),
    ];
    actions.push({ title: notes.length > 0 ? `${title} (${notes.join('; ')})` : title, edits: edits.map((e) => shift(e, chunk.startLine)) });
  }
  // Already restricted: the read-only choice alone is still worth offering.
  return actions.length === 2 && sameEdits(actions[0]!.edits, actions[1]!.edits) ? [actions[0]!] : actions;
}

/** Containers first, then the pod spec: their inserts may meet at the end of the containers list. */
function hardenTargets(site: PodSpecSite, readOnly: boolean, keepsPrivileged: (offset: number) => boolean): [YAMLMap, DesiredEntry[]][] {
  const windows = isWindowsPod(site.spec);
  const userNamespace = inUserNamespace(site.spec);
  const targets: [YAMLMap, DesiredEntry[]][] = [];
  for (const container of site.containers) {
    const sc = securityContextOf(container.node);
    const entries: DesiredEntry[] = [];
    const privilegedKey = scalarValue(sc, 'privileged') === true ? (sc && pairOf(sc, 'privileged')?.key) : undefined;
    const staysPrivileged = privilegedKey?.range ? keepsPrivileged(privilegedKey.range[0]) : false;
    if (!windows && !staysPrivileged) entries.push(['allowPrivilegeEscalation', scalar('false', isFalse)]);
    if (privilegedKey && !staysPrivileged) entries.push(['privileged', scalar('false')]);
    if (!windows) entries.push(['capabilities', map(['drop', includes('ALL')])]);
    if (!userNamespace && scalarValue(sc, 'runAsNonRoot') === false) entries.push(['runAsNonRoot', scalar('true')]);
    if (!userNamespace && scalarValue(sc, 'runAsUser') === 0) entries.push(['runAsUser', scalar(nonRootUidFor(scalarValue(container.node, 'image')))]);
    if (!windows && sc && securityContextOf(container.node)?.get('seccompProfile', true)) entries.push(['seccompProfile', map(['type', scalar('RuntimeDefault', isConfining)])]);
    const procMount = scalarValue(sc, 'procMount');
    if (procMount !== undefined && procMount !== null && procMount !== 'Default') entries.push(['procMount', scalar('Default')]);
    if (readOnly && !windows) entries.push(['readOnlyRootFilesystem', scalar('true', isTrue)]);
    if (entries.length > 0) targets.push([container.node, [['securityContext', map(...entries)]]]);
  }
  const pod: DesiredEntry[] = [];
  if (!userNamespace) pod.push(['runAsNonRoot', scalar('true', isTrue)]);
  if (!userNamespace && scalarValue(securityContextOf(site.spec), 'runAsUser') === 0) pod.push(['runAsUser', scalar(FALLBACK_NON_ROOT_UID)]);
  if (!windows) pod.push(['seccompProfile', map(['type', scalar('RuntimeDefault', isConfining)])]);
  if (pod.length > 0) targets.push([site.spec, [['securityContext', map(...pod)]]]);
  return targets;
}

function editContext(text: string, lines: LineIndex, doc: YamlDocumentContext['doc']): YamlDocumentContext {
  const rangeOf = (node: { range?: [number, number, number] | null }): Range => (node.range ? lines.range(node.range[0], node.range[1]) : lines.range(0, 0));
  return {
    fileName: '',
    settings: { trustedRegistries: [], podSecurityLevel: 'restricted' },
    // Only the source editor reads this context: no rule runs, so no date or report is needed.
    today: '',
    report: () => undefined,
    text,
    lines,
    doc,
    rangeOf,
    rangeOfPair: (pair) => rangeOf(pair.key as { range?: [number, number, number] }),
    isSuppressed: () => false,
  };
}

function shift(edit: TextEdit, lines: number): TextEdit {
  const move = (p: Position): Position => ({ line: p.line + lines, character: p.character });
  return { range: { start: move(edit.range.start), end: move(edit.range.end) }, newText: edit.newText };
}

function sameEdits(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

import type { YAMLMap } from 'yaml';
import { LineIndex } from '../../parse/lineIndex';
import { parseYamlChunk, splitYamlDocuments } from '../../parse/yamlDocuments';
import type { YamlDocumentContext } from '../rule';
import type { Position, Range, TextEdit } from '../types';
import type { AliasUse } from '../../parse/yamlResolve';
import { aliasEdits, isMergeKey, resolveManifestAnchors } from './anchoredFindings';
import { findKubernetesObjects, type KubernetesObject, type PodSpecSite, type PodTemplatePath } from './objects';
import { inUserNamespace, isWindowsPod } from './podSecurity';
import { containerProfile, podProfile, privilegedKeyOffset, type HardenTarget } from './restrictedProfile';
import { TEKTON_KINDS } from './tekton';
import { tektonHardenTargets } from './tektonHarden';
import { map, mergeEditsInto } from './yamlMerge';

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

/**
 * The restricted profile for the workload whose object holds `position`, as one edit merged into
 * what is there: on the pod `runAsNonRoot: true` and `seccompProfile: {type: RuntimeDefault}`; on
 * every container `allowPrivilegeEscalation: false`, `capabilities.drop: [ALL]`, `privileged`
 * false, `procMount` Default, a non-root UID for `runAsUser: 0`, and RuntimeDefault for an
 * unconfined seccomp profile. Windows pods get only what applies to them, pods with
 * `hostUsers: false` keep their users. Host namespaces, host ports, hostPath volumes and added
 * capabilities are decisions, not defaults: they stay for their own findings. Tekton objects are
 * hardened where Tekton reads each setting (tektonHarden.ts). Parses only the YAML document under
 * the cursor, and only when asked.
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
  const object = findKubernetesObjects(parsed.doc, input.podTemplatePaths ?? []).find((o) => o.node.range && o.node.range[0] <= at && at <= o.node.range[2] && (o.podSpecs.length > 0 || isTekton(o)));
  if (!object) return [];
  const actions: HardenAction[] = [];
  for (const [title, readOnly] of [[HARDEN_TITLE, false], [HARDEN_READ_ONLY_TITLE, true]] as const) {
    const keepsPrivileged = (offset: number): boolean => input.keepsPrivileged?.(lines.position(offset).line + chunk.startLine) ?? false;
    const { targets: all, note } = isTekton(object) ? tektonHardenTargets(object, context, readOnly, keepsPrivileged) : { targets: object.podSpecs.flatMap((site) => hardenTargets(site, readOnly, keepsPrivileged)), note: null };
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
      ...(note ? [note] : []),
      ...(shared ? [`also changes every *${shared.anchor}`] : []),
      ...[...new Set(left.map((a) => a.anchor))].map((a) => `not through *${a}: harden the anchor &${a} or write the values in place`),
    ];
    actions.push({ title: notes.length > 0 ? `${title} (${notes.join('; ')})` : title, edits: edits.map((e) => shift(e, chunk.startLine)) });
  }
  // Already restricted: the read-only choice alone is still worth offering.
  return actions.length === 2 && sameEdits(actions[0]!.edits, actions[1]!.edits) ? [actions[0]!] : actions;
}

/** Tekton's objects are hardened where Tekton reads each setting (tektonHarden.ts). */
function isTekton(object: KubernetesObject): boolean {
  return object.apiVersion.startsWith('tekton.dev/') && TEKTON_KINDS.has(object.kind);
}

/** Containers first, then the pod spec: their inserts may meet at the end of the containers list. */
function hardenTargets(site: PodSpecSite, readOnly: boolean, keepsPrivileged: (offset: number) => boolean): HardenTarget[] {
  const windows = isWindowsPod(site.spec);
  const userNamespace = inUserNamespace(site.spec);
  const targets: HardenTarget[] = [];
  for (const container of site.containers) {
    const privileged = privilegedKeyOffset(container.node);
    const entries = containerProfile(container.node, { windows, userNamespace, readOnly, staysPrivileged: privileged !== null && keepsPrivileged(privileged) });
    if (entries.length > 0) targets.push([container.node, [['securityContext', map(...entries)]]]);
  }
  const pod = podProfile(site.spec, { windows, userNamespace });
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

import { Run } from 'dockerfile-ast';
import { finalStage, type Stage } from '../../../parse/dockerfileModel';
import { lookUpImage } from '../../catalogue/lookup';
import { chainRoot, finalChain } from '../../dockerfile/finalImage';
import { nonRootUserFor } from '../../dockerfile/nonRootBaseImages';
import { effectiveUser } from '../../dockerfile/stageUser';
import { defineRule } from '../../rule';

/**
 * Only the final image's user matters, found as BuildKit finds it (the last USER up the
 * final stage's chain). The UID comes from what is certain: the base image's own users in the
 * catalogue (`node` 1000, distroless `nonroot` 65532, .NET `app` 1654) or a `useradd`/`adduser`
 * in the chain that sets `-u`/`--uid`. Without one the finding says what to do and offers no
 * edit. A group written by the same name as an image user gets that user's number too (the
 * images create a same-named group with the same id).
 */
export default defineRule({
  meta: {
    id: 'final-user-not-numeric',
    title: 'Final USER is a name, not a UID',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'privilege',
    refs: { hadolint: ['DL3066'] },
    fixable: true,
    rationale:
      'Kubernetes can only check `runAsNonRoot: true` against a numeric user: an image whose config says `USER node` is refused with "container has runAsNonRoot and image has non-numeric user (node), cannot verify user is non-root", and the pod never starts. Writing the UID (`USER 1000`) keeps the same user and lets admission and the kubelet verify it. The quick fix writes the number when it is certain: the base image\'s own user, or the `-u` of a `useradd` in the Dockerfile.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM node:24-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ["node", "server.js"]\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM node:24-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  check(context) {
    const model = context.dockerfile;
    const stage = finalStage(model);
    if (!stage) return;
    const user = effectiveUser(model, stage);
    if (user.kind !== 'instruction' || user.isRoot || user.expanded === null) return;
    const [name = '', group] = user.expanded.split(':');
    if (/^\d+$/.test(name) || name === '') return;
    const uids = knownUids(finalChain(model));
    const uid = uids.get(name);
    const arg = user.instruction.getArguments()[0];
    const message = `USER ${user.written} names a user: Kubernetes cannot check runAsNonRoot against a name and refuses to start the pod ("image has non-numeric user")`;
    if (uid === undefined || !arg || user.written !== user.expanded) {
      context.report({ range: user.instruction.getRange(), message: `${message}; write the user's UID instead` });
      return;
    }
    const gid = group === undefined ? undefined : /^\d+$/.test(group) ? group : group === name ? String(uid) : group;
    const numeric = gid === undefined ? String(uid) : `${uid}:${gid}`;
    context.report({
      range: user.instruction.getRange(),
      message: `${message}; ${name} is UID ${uid}: write USER ${numeric}`,
      fix: { title: `Write the UID: USER ${numeric}`, edits: [{ range: arg.getRange(), newText: numeric }] },
    });
  },
});

/** Users whose UID is certain: the base image's own, then those the chain's RUNs create with an explicit UID. */
function knownUids(chain: readonly Stage[]): Map<string, number> {
  const uids = new Map<string, number>();
  const first = chain[0];
  const ref = first ? chainRoot(first).base.reference : null;
  const facts = ref ? lookUpImage(ref)?.facts : undefined;
  if (facts) {
    if (facts.user.uid !== 0) uids.set(facts.user.name, facts.user.uid);
    if (facts.nonRootUser) uids.set(facts.nonRootUser.name, facts.nonRootUser.uid);
  }
  // Distroless, Chainguard and DHI images ship `nonroot` (65532) in every variant; .NET 8+ ships `app` (1654).
  const shipped = ref ? nonRootUserFor(ref).user : null;
  if (shipped === '65532') uids.set('nonroot', 65532);
  if (shipped === '$APP_UID') uids.set('app', 1654);
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      if (!(instruction instanceof Run)) continue;
      for (const [name, uid] of createdUsers(instruction.getTextContent())) uids.set(name, uid);
    }
  }
  return uids;
}

/** `useradd -u 10001 app`, `adduser -S -u 10001 app`, `useradd --uid=10001 … app` in a RUN. */
export function createdUsers(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const command of text.split(/&&|\|\||;|\n/)) {
    const words = command.trim().replace(/\\\s*$/gm, '').split(/\s+/);
    const at = words.findIndex((w) => w === 'useradd' || w === 'adduser');
    if (at === -1) continue;
    let uid: number | null = null;
    let name: string | null = null;
    for (let i = at + 1; i < words.length; i++) {
      const w = words[i] ?? '';
      const inline = /^(?:--uid=|-u)(\d+)$/.exec(w);
      if (inline) uid = Number(inline[1]);
      else if ((w === '-u' || w === '--uid') && /^\d+$/.test(words[i + 1] ?? '')) uid = Number(words[++i]);
      else if (/^-/.test(w)) {
        // Options with a value (-g group, -s shell, -G groups, -h/-d home, -c comment): skip it.
        if (/^(?:-[gGsdhckK]|--(?:gid|groups|shell|home-dir|home|comment|ingroup|gecos))$/.test(w)) i++;
      } else if (name === null && /^[a-z_][a-z0-9_-]*\$?$/i.test(w)) name = w;
    }
    if (name !== null && uid !== null) out.set(name, uid);
  }
  return out;
}

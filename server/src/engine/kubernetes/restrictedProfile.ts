import type { YAMLMap } from 'yaml';
import { FALLBACK_NON_ROOT_UID } from '../dockerfile/nonRootBaseImages';
import { pairOf, scalarValue } from './objects';
import { CONFINING_PROFILE_TYPES, nonRootUidFor, securityContextOf } from './podSecurity';
import { includes, map, scalar, type DesiredEntry } from './yamlMerge';

/**
 * What "Harden this workload" asks of one container's and one pod's `securityContext` (the
 * restricted Pod Security Standard), as entries to merge into what is written there.
 */
export interface ProfileOptions {
  /** `spec.os.name: windows`: only what applies to Windows. */
  windows: boolean;
  /** `hostUsers: false`: the pod's users stay as they are. */
  userNamespace: boolean;
  readOnly: boolean;
  /** The container stays privileged (its privileged-container finding is ignored or off). */
  staysPrivileged: boolean;
  /**
   * The container level is the only place the workload's own file controls (a Tekton Task, whose
   * pod settings are its run's): `runAsNonRoot` and `seccompProfile` are asked of the container.
   */
  podLevelHere?: boolean;
}

const isTrue = (v: unknown): boolean => v === true;
const isFalse = (v: unknown): boolean => v === false;
const isConfining = (v: unknown): boolean => CONFINING_PROFILE_TYPES.has(String(v));

/**
 * The container's entries: `allowPrivilegeEscalation: false`, `capabilities.drop: [ALL]`,
 * `privileged` false, `procMount` Default, a non-root UID for `runAsUser: 0`, RuntimeDefault for
 * an unconfined seccomp profile it sets, and `readOnlyRootFilesystem` when asked.
 */
export function containerProfile(container: YAMLMap | null, options: ProfileOptions): DesiredEntry[] {
  const { windows, userNamespace, readOnly, staysPrivileged, podLevelHere = false } = options;
  const sc = container ? securityContextOf(container) : null;
  const entries: DesiredEntry[] = [];
  const privileged = scalarValue(sc, 'privileged') === true;
  if (!windows && !staysPrivileged) entries.push(['allowPrivilegeEscalation', scalar('false', isFalse)]);
  if (privileged && !staysPrivileged) entries.push(['privileged', scalar('false')]);
  if (!windows) entries.push(['capabilities', map(['drop', includes('ALL')])]);
  if (!userNamespace && (podLevelHere || scalarValue(sc, 'runAsNonRoot') === false)) entries.push(['runAsNonRoot', scalar('true', isTrue)]);
  if (!userNamespace && scalarValue(sc, 'runAsUser') === 0) entries.push(['runAsUser', scalar(nonRootUidFor(scalarValue(container, 'image')))]);
  if (!windows && (podLevelHere || sc?.get('seccompProfile', true))) entries.push(['seccompProfile', map(['type', scalar('RuntimeDefault', isConfining)])]);
  const procMount = scalarValue(sc, 'procMount');
  if (procMount !== undefined && procMount !== null && procMount !== 'Default') entries.push(['procMount', scalar('Default')]);
  if (readOnly && !windows) entries.push(['readOnlyRootFilesystem', scalar('true', isTrue)]);
  return entries;
}

/** The pod's entries: `runAsNonRoot: true` and `seccompProfile: {type: RuntimeDefault}`, a non-root UID for `runAsUser: 0`. */
export function podProfile(spec: YAMLMap | null, options: Pick<ProfileOptions, 'windows' | 'userNamespace'>): DesiredEntry[] {
  const pod: DesiredEntry[] = [];
  if (!options.userNamespace) pod.push(['runAsNonRoot', scalar('true', isTrue)]);
  if (!options.userNamespace && spec && scalarValue(securityContextOf(spec), 'runAsUser') === 0) pod.push(['runAsUser', scalar(FALLBACK_NON_ROOT_UID)]);
  if (!options.windows) pod.push(['seccompProfile', map(['type', scalar('RuntimeDefault', isConfining)])]);
  return pod;
}

/** The `privileged: true` key of a container's securityContext, where a kept privileged container is marked. */
export function privilegedKeyOffset(container: YAMLMap): number | null {
  const sc = securityContextOf(container);
  if (scalarValue(sc, 'privileged') !== true || !sc) return null;
  return pairOf(sc, 'privileged')?.key?.range?.[0] ?? null;
}

/** A map and what to merge into it. */
export type HardenTarget = readonly [YAMLMap, readonly DesiredEntry[]];

import type { Document, Node as YamlNode, Pair } from 'yaml';
import type { LineIndex } from '../parse/lineIndex';
import type { LabelType } from './config';
import type { DockerfileModel } from '../parse/dockerfileModel';
import type { KubernetesObject } from './kubernetes/objects';
import type { RoleGrants } from './kubernetes/roleGrants';
import type { ChecksumPin, Fix, PssLevel, Range, RuleMeta, RuleTarget, Suggestion } from './types';

/** What a rule hands back for one problem; the engine adds the id, severity and refs. */
export interface Report {
  range: Range;
  message: string;
  fix?: Fix;
  suggestions?: Suggestion[];
  checksumPin?: ChecksumPin;
}

/** Settings a rule may read; resolved by the engine from `.seaworthy.yaml` and editor settings. */
export interface RuleSettings {
  trustedRegistries: readonly string[];
  /** The Pod Security Standard level the cluster enforces (`podSecurityLevel`). */
  podSecurityLevel: PssLevel;
  /** The policy version a Namespace label pins (`v1.30`); `latest` when absent. */
  podSecurityVersion?: string;
  /** `labelSchema`: labels the image must carry and their formats; absent or empty means none. */
  labelSchema?: Readonly<Record<string, LabelType>>;
  /** `strictLabels`: labels the schema does not name are reported. */
  strictLabels?: boolean;
}

interface BaseContext {
  fileName: string;
  settings: RuleSettings;
  /** Today as `YYYY-MM-DD`, for end-of-life dates (a parameter, so tests pin it). */
  today: string;
  report(report: Report): void;
}

export interface DockerfileContext extends BaseContext {
  text: string;
  lines: LineIndex;
  dockerfile: DockerfileModel;
}

/**
 * One YAML document of a (possibly multi-document) file. `text`, `lines` and every range are
 * local to the document's chunk; the engine moves them to file positions afterwards.
 */
export interface YamlDocumentContext extends BaseContext {
  text: string;
  lines: LineIndex;
  doc: Document.Parsed;
  /** The range of a node's value (without trailing comments), chunk-local. */
  rangeOf(node: YamlNode): Range;
  /** From the start of a pair's key to the end of its value: `privileged: true`. */
  rangeOfPair(pair: Pair): Range;
  /**
   * Whether a finding of `ruleId` at `range` is suppressed (pragma, annotation or file-wide
   * ignore). A fix consults it so as not to undo a choice the user recorded for another rule.
   */
  isSuppressed(ruleId: string, range: Range): boolean;
}

export interface KubernetesContext extends YamlDocumentContext {
  objects: KubernetesObject[];
  /** The Roles and ClusterRoles of the file and of the manifests seen elsewhere, by `roleKey`. */
  roles?: RoleGrants;
}

export type ComposeContext = YamlDocumentContext;

export interface ContextFor {
  dockerfile: DockerfileContext;
  kubernetes: KubernetesContext;
  compose: ComposeContext;
}

export interface Rule<T extends RuleTarget = RuleTarget> {
  meta: RuleMeta & { appliesTo: T };
  check(context: ContextFor[T]): void;
}

/** A rule is one file: `export default defineRule({meta, check})`. */
export function defineRule<T extends RuleTarget>(rule: Rule<T>): Rule<T> {
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(rule.meta.id)) throw new Error(`rule id is not kebab-case: ${rule.meta.id}`);
  return rule;
}

export type AnyRule = Rule<'dockerfile'> | Rule<'kubernetes'> | Rule<'compose'>;


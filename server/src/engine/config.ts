import type { Node as YamlNode } from 'yaml';
import { LineIndex } from '../parse/lineIndex';
import { yamlLibrary } from '../parse/yamlDocuments';
import type { PodTemplatePath } from './kubernetes/objects';
import { LABEL_TYPES, PROFILES, SEVERITIES, type InputProblem, type LabelType, type Profile, type PssLevel, type Severity } from './types';

/** `.seaworthy.yaml` and the `seaworthy.*` editor settings, resolved into one object. */
export interface SeaworthyConfig {
  /** The rule set in force (`recommended` when null); `rules` entries override it per rule. */
  profile: Profile | null;
  /**
   * The Pod Security Standard the cluster enforces: `restricted` (default) reports every control,
   * `baseline` silences the restricted-only ones and messages quote the baseline level.
   */
  podSecurityLevel: PssLevel;
  /** Per-rule severity, or `off`. */
  rules: Record<string, Severity | 'off'>;
  /** Globs (relative to the config file's folder) of files not to check. */
  ignorePaths: string[];
  trustedRegistries: string[];
  podTemplatePaths: PodTemplatePath[];
  /** Labels the image must carry, each with the format of its value (hadolint's `label-schema`). */
  labelSchema: Record<string, LabelType>;
  /** With a `labelSchema`, labels it does not name are reported (hadolint's `strict-labels`). */
  strictLabels: boolean;
}

export { LABEL_TYPES, type LabelType } from './types';

export const CONFIG_FILE_NAME = '.seaworthy.yaml';

export function defaultConfig(): SeaworthyConfig {
  return { profile: null, podSecurityLevel: 'restricted', rules: {}, ignorePaths: [], trustedRegistries: [], podTemplatePaths: [], labelSchema: {}, strictLabels: false };
}

/** Later layers win key by key; `rules` merge per rule. */
export function mergeConfig(base: SeaworthyConfig, over: Partial<SeaworthyConfig>): SeaworthyConfig {
  return {
    profile: over.profile ?? base.profile,
    podSecurityLevel: over.podSecurityLevel ?? base.podSecurityLevel,
    rules: { ...base.rules, ...over.rules },
    ignorePaths: [...base.ignorePaths, ...(over.ignorePaths ?? [])],
    trustedRegistries: [...base.trustedRegistries, ...(over.trustedRegistries ?? [])],
    podTemplatePaths: [...base.podTemplatePaths, ...(over.podTemplatePaths ?? [])],
    labelSchema: { ...base.labelSchema, ...over.labelSchema },
    strictLabels: over.strictLabels ?? base.strictLabels,
  };
}

export const POD_SECURITY_LEVELS: readonly PssLevel[] = ['baseline', 'restricted'];

const KNOWN_KEYS = ['profile', 'podSecurityLevel', 'rules', 'ignorePaths', 'trustedRegistries', 'podTemplatePaths', 'labelSchema', 'strictLabels'];

export interface ParsedConfig {
  config: SeaworthyConfig;
  /** What is wrong with the file, with ranges in it; the defaults stand in for what failed. */
  problems: InputProblem[];
}

/**
 * Reads `.seaworthy.yaml`. Every mistake becomes a problem with a range in the config file and
 * the default for that key is kept, so a typo never turns checking off.
 */
export function parseConfig(text: string, knownRuleIds: ReadonlySet<string>): ParsedConfig {
  const { parseDocument, isMap, isSeq, isScalar } = yamlLibrary();
  const lines = new LineIndex(text);
  const config = defaultConfig();
  const problems: InputProblem[] = [];
  const problem = (node: YamlNode | null | undefined, message: string): void => {
    const r = node?.range;
    problems.push({ message, severity: 'error', range: r ? lines.range(r[0], r[1]) : lines.range(0, 0) });
  };
  const doc = parseDocument(text, { prettyErrors: false });
  for (const e of doc.errors) {
    problems.push({ message: `${CONFIG_FILE_NAME}: ${e.message.split('\n')[0]}`, severity: 'error', range: lines.range(e.pos[0], e.pos[1]) });
  }
  if (doc.errors.length > 0) return { config, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, problems };
  if (!isMap(root)) {
    problem(root, `${CONFIG_FILE_NAME} must be a mapping of settings (${KNOWN_KEYS.join(', ')})`);
    return { config, problems };
  }
  const strings = (node: unknown, key: string): string[] | null => {
    if (!isSeq(node) || !node.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
      problem(node as YamlNode, `${key} must be a list of strings`);
      return null;
    }
    return node.items.map((i) => String((i as { value: unknown }).value));
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'profile':
        if (isScalar(value) && (PROFILES as readonly unknown[]).includes(value.value)) config.profile = value.value as Profile;
        else problem(value, `profile must be one of ${PROFILES.join(', ')}`);
        break;
      case 'podSecurityLevel':
        if (isScalar(value) && (POD_SECURITY_LEVELS as readonly unknown[]).includes(value.value)) config.podSecurityLevel = value.value as PssLevel;
        else problem(value ?? (pair.key as YamlNode), `podSecurityLevel must be baseline or restricted (got "${isScalar(value) ? String(value.value) : ''}")`);
        break;
      case 'rules':
        if (!isMap(value)) {
          problem(value, 'rules must map rule ids to a severity (error, warning, info, hint) or off');
          break;
        }
        for (const rule of value.items) {
          const id = isScalar(rule.key) ? String(rule.key.value) : '';
          const level = isScalar(rule.value) ? String(rule.value.value) : '';
          if (!knownRuleIds.has(id)) {
            problem(rule.key as YamlNode, `unknown rule "${id}" (see \`seaworthy rules\`)`);
          } else if (level === 'off' || (SEVERITIES as readonly string[]).includes(level)) {
            config.rules[id] = level as Severity | 'off';
          } else {
            problem((rule.value as YamlNode) ?? (rule.key as YamlNode), `severity for ${id} must be one of error, warning, info, hint, off (got "${level}")`);
          }
        }
        break;
      case 'ignorePaths':
        config.ignorePaths = strings(value, key) ?? [];
        break;
      case 'trustedRegistries':
        config.trustedRegistries = strings(value, key) ?? [];
        break;
      case 'podTemplatePaths':
        config.podTemplatePaths = podTemplatePaths(value, problem);
        break;
      case 'labelSchema':
        config.labelSchema = labelSchema(value, problem);
        break;
      case 'strictLabels':
        if (isScalar(value) && typeof value.value === 'boolean') config.strictLabels = value.value;
        else problem(value ?? (pair.key as YamlNode), 'strictLabels must be true or false');
        break;
      default:
        problem(pair.key as YamlNode, `unknown setting "${key}"; known settings: ${KNOWN_KEYS.join(', ')}`);
    }
  }
  return { config, problems };
}

function podTemplatePaths(value: unknown, problem: (node: YamlNode | null | undefined, message: string) => void): PodTemplatePath[] {
  const { isMap, isSeq } = yamlLibrary();
  const shape = 'podTemplatePaths must be a list of {kind, apiGroup?, path} where path is like spec.template.spec';
  if (!isSeq(value)) {
    problem(value as YamlNode, shape);
    return [];
  }
  const out: PodTemplatePath[] = [];
  for (const item of value.items) {
    const entry = isMap(item) ? (item.toJSON() as Record<string, unknown>) : null;
    if (!entry || typeof entry.kind !== 'string' || typeof entry.path !== 'string' || (entry.apiGroup !== undefined && typeof entry.apiGroup !== 'string')) {
      problem(item as YamlNode, shape);
      continue;
    }
    out.push({ kind: entry.kind, path: entry.path.split('.'), ...(typeof entry.apiGroup === 'string' ? { apiGroup: entry.apiGroup } : {}) });
  }
  return out;
}

/** `{org.opencontainers.image.source: url, …}`; an entry with an unknown format is reported and left out. */
function labelSchema(value: unknown, problem: (node: YamlNode | null | undefined, message: string) => void): Record<string, LabelType> {
  const { isMap, isScalar } = yamlLibrary();
  const out: Record<string, LabelType> = {};
  if (!isMap(value)) {
    problem(value as YamlNode, `labelSchema must map label keys to a format (${LABEL_TYPES.join(', ')})`);
    return out;
  }
  for (const entry of value.items) {
    const key = isScalar(entry.key) ? String(entry.key.value) : '';
    const type = isScalar(entry.value) ? String(entry.value.value) : '';
    if ((LABEL_TYPES as readonly string[]).includes(type) && key !== '') out[key] = type as LabelType;
    else problem((entry.value as YamlNode) ?? (entry.key as YamlNode), `labelSchema: the format of "${key}" must be one of ${LABEL_TYPES.join(', ')} (got "${type}")`);
  }
  return out;
}

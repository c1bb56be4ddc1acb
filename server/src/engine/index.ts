/** The engine's public face: text in, findings and edits out. No file system, no editor. */
export * from './types';
export { defineRule, type AnyRule, type Rule, type Report } from './rule';
export { RULES, ENGINE_CHECKS, RULE_IDS, ruleById } from './registry';
export { lint, configForExample, LintCache, MAX_FILE_CHARS, type LintInput, type LintOutput } from './lint';
export { applyEdits, combinedFixEdits, fixAll, OverlappingEditsError } from './fixes';
export { parseConfig, defaultConfig, mergeConfig, CONFIG_FILE_NAME, LABEL_TYPES, type LabelType, type SeaworthyConfig } from './config';
export { kindByName } from './fileKind';
export { ignoreRuleEdit } from './suppressions';
export { IgnoreEdits } from './ignoreEdits';
export { namespaceLevelsIn, namespaceLevelsKey, type NamespaceLevels, type NamespacePodSecurity } from './kubernetes/namespacePodSecurity';
export { roleGrantsIn, roleGrantsKey, type RoleGrant, type RoleGrants } from './kubernetes/roleGrants';
export { networkPolicyFindings, networkPolicyGaps, NETWORK_POLICY_RULE_ID, type ConfiguredManifest, type FileNetworkFacts, type NetworkPolicyGap } from './kubernetes/networkPolicyCoverage';
export type { NetworkFacts } from './kubernetes/networkFacts';
export { hardenWorkloadActions, HARDEN_TITLE, HARDEN_READ_ONLY_TITLE, type HardenAction } from './kubernetes/hardenWorkload';
export { isIgnored, type IgnoreGlobs } from './ignorePaths';
export { baseImageInfoAt, type BaseImageInfo } from './baseImageInfo';
export { minimalImageSwapsAt } from './minimalImageSwaps';
export { loadShellParser, shellParserLoaded, type ShellParserWasm } from '../parse/shell/bashParser';

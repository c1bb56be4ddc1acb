import { ENGINE_CHECKS, REF_KEYS, RULES, normaliseRefs, type Category, type Profile, type Refs, type RuleExample, type RuleTarget, type Severity } from '../engine';
import { projectLinks } from './projectLinks';

/** One row of `seaworthy rules` and of the SARIF `tool.driver.rules`: a rule or an engine check. */
export interface CatalogueEntry {
  id: string;
  title: string;
  severity: Severity;
  appliesTo: RuleTarget | 'any';
  category: Category;
  profile: Profile;
  fixable: boolean;
  refs: Refs;
  rationale: string;
  /** The rule's page where package.json says the project lives; null when it says nowhere. */
  helpUri: string | null;
  compliant: RuleExample | null;
  nonCompliant: RuleExample | null;
}

const TARGET_ORDER: Record<RuleTarget | 'any', number> = { dockerfile: 0, kubernetes: 1, compose: 2, any: 3 };

export function helpUriOf(ruleId: string): string | null {
  return projectLinks().ruleDoc(ruleId);
}

/** Every rule and both engine checks, grouped by what they apply to, then by id. */
export function ruleCatalogue(): CatalogueEntry[] {
  const entries: CatalogueEntry[] = RULES.map(({ meta }) => ({
    id: meta.id,
    title: meta.title,
    severity: meta.defaultSeverity,
    appliesTo: meta.appliesTo,
    category: meta.category,
    profile: meta.profile ?? 'recommended',
    fixable: meta.fixable,
    refs: normaliseRefs(meta.refs),
    rationale: meta.rationale,
    helpUri: helpUriOf(meta.id),
    compliant: meta.compliant,
    nonCompliant: meta.nonCompliant,
  }));
  for (const check of Object.values(ENGINE_CHECKS)) {
    entries.push({
      id: check.id,
      title: check.title,
      severity: check.defaultSeverity,
      appliesTo: check.appliesTo,
      category: check.category,
      profile: 'recommended',
      fixable: false,
      refs: normaliseRefs(check.refs ?? {}),
      rationale: check.rationale,
      helpUri: helpUriOf(check.id),
      compliant: null,
      nonCompliant: null,
    });
  }
  return entries.sort((a, b) => TARGET_ORDER[a.appliesTo] - TARGET_ORDER[b.appliesTo] || compareText(a.id, b.id));
}

/** `DL3006, KSV-0017, PSS baseline privileged`: the refs in one short line. */
export function refsSummary(refs: Refs): string {
  const parts: string[] = refs.pss.map((p) => `PSS ${p.level} ${p.control}`);
  for (const key of REF_KEYS) {
    if (key !== 'pss') parts.push(...refs[key]);
  }
  return parts.join(', ');
}

/** Code-unit order, the same on every machine (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

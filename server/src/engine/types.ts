/**
 * The engine's vocabulary. Everything here is plain data so that the language server, the CLI
 * and the tests can share it. Positions are 0-based lines and UTF-16 characters, as in LSP.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** What a file is, decided by name (Dockerfiles) or by content (YAML). */
export type FileKind = 'dockerfile' | 'kubernetes' | 'compose' | 'yaml' | 'unknown';
/** The kinds a rule can apply to. */
export type RuleTarget = 'dockerfile' | 'kubernetes' | 'compose';

export type Category =
  | 'privilege'
  | 'isolation'
  | 'supply-chain'
  | 'secrets'
  | 'minimal-image'
  | 'resources'
  | 'hygiene';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix is data on the finding: the code action, fix-all and `check --fix` apply the same edits. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/**
 * A rewrite the user may choose in the editor, one of several alternatives (a different base
 * image, say). Unlike a `Fix` it changes what the artifact is, so fix-all and `check --fix`
 * never apply it and the CLI's JSON does not carry it.
 */
export interface Suggestion {
  title: string;
  edits: TextEdit[];
  /** Set when the alternative exists but cannot be applied here: the reason, shown greyed out. */
  disabledReason?: string;
}

export type PssLevel = 'baseline' | 'restricted';

/**
 * Rule sets, each including the one before: `recommended` (the default: what nearly every team
 * wants), `strict` (hardening that costs effort or is noisy for some projects), `all`.
 */
export type Profile = 'recommended' | 'strict' | 'all';
export const PROFILES: readonly Profile[] = ['recommended', 'strict', 'all'];

/** The value formats a `labelSchema` entry can ask for (hadolint's names). Here, not in config.ts, so the server's start bundle can name them without the YAML parser. */
export const LABEL_TYPES = ['text', 'url', 'rfc3339', 'spdx', 'hash', 'semver', 'email'] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

/** Whether a rule whose smallest profile is `ruleProfile` is on under `selected`. */
export function profileIncludes(selected: Profile, ruleProfile: Profile): boolean {
  return PROFILES.indexOf(ruleProfile) <= PROFILES.indexOf(selected);
}

/** The same control in the catalogues users already know. Keys and order are part of the CLI contract. */
export interface Refs {
  pss: { level: PssLevel; control: string }[];
  hadolint: string[];
  buildkit: string[];
  cis: string[];
  trivy: string[];
  polaris: string[];
  kubeScore: string[];
  kubeLinter: string[];
  checkov: string[];
}

export const REF_KEYS = [
  'pss',
  'hadolint',
  'buildkit',
  'cis',
  'trivy',
  'polaris',
  'kubeScore',
  'kubeLinter',
  'checkov',
] as const satisfies readonly (keyof Refs)[];

export interface RuleExample {
  /** File name the example would live in, e.g. `Dockerfile` or `deploy.yaml`. */
  fileName: string;
  text: string;
  /**
   * The `.seaworthy.yaml` the example is checked under, for rules that read a setting
   * (`trustedRegistries: [ghcr.io]`). Rule tests, the docs pages and the language-server tests
   * all lint the example with it; absent means the defaults.
   */
  config?: string;
}

export interface RuleMeta {
  /** Stable kebab-case slug that says what is wrong. */
  id: string;
  title: string;
  defaultSeverity: Severity;
  appliesTo: RuleTarget;
  category: Category;
  /** The smallest profile that turns the rule on; absent means `recommended`. */
  profile?: Profile;
  refs: Partial<Refs>;
  fixable: boolean;
  /** One paragraph: why this matters. */
  rationale: string;
  compliant: RuleExample;
  nonCompliant: RuleExample;
}

/** One finding as a rule reports it. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  refs: Refs;
  fix?: Fix;
  /** Alternatives offered in the editor only, safest first. */
  suggestions?: Suggestion[];
  checksumPin?: ChecksumPin;
  /**
   * On an `invalid-file` finding when Seaworthy itself failed (a rule threw, a parser gave up):
   * the cause. The CLI exits 2 for it; the other rules' and files' findings still stand.
   */
  fault?: string;
}

/**
 * A fix that needs a fact the engine cannot know offline: the SHA-256 of what a URL serves, or
 * the commit a Git ref names. A front end that may use the network, and only when the user asks
 * (the editor's light bulb), looks it up once and inserts `--checksum=<value> ` at `insertAt`.
 * Never part of fix-all or `check --fix`, which run unattended.
 */
export interface ChecksumPin {
  /** `http`: download `url` and hash it; `git`: ask the remote which commit the source's ref is. */
  source: 'http' | 'git';
  /** The ADD source as BuildKit reads it (`https://…`, or `https://host/repo.git#ref:dir`). */
  url: string;
  insertAt: Position;
}

/** A problem with the input itself (unparsable YAML, binary file, bad config). */
export interface InputProblem {
  message: string;
  range: Range;
  severity: Severity;
}

export interface LintResult {
  kind: FileKind;
  findings: Finding[];
  /** Syntax errors and other reasons parts of the file could not be checked. */
  problems: InputProblem[];
}

export function normaliseRefs(refs: Partial<Refs>): Refs {
  return {
    pss: refs.pss ?? [],
    hadolint: refs.hadolint ?? [],
    buildkit: refs.buildkit ?? [],
    cis: refs.cis ?? [],
    trivy: refs.trivy ?? [],
    polaris: refs.polaris ?? [],
    kubeScore: refs.kubeScore ?? [],
    kubeLinter: refs.kubeLinter ?? [],
    checkov: refs.checkov ?? [],
  };
}

export function rangeContains(outer: Range, p: Position): boolean {
  return comparePositions(outer.start, p) <= 0 && comparePositions(p, outer.end) <= 0;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** `r` moved down by `lines` lines: a document's range in the file that holds it. */
export function shiftRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

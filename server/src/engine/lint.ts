import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { parseDockerfileModel, type DockerfileModel } from '../parse/dockerfileModel';
import { LineIndex } from '../parse/lineIndex';
import { parseYamlChunk, splitYamlDocuments, yamlLibrary, type ParsedYamlChunk, type YamlChunk } from '../parse/yamlDocuments';
import { CONFIG_FILE_NAME, defaultConfig, mergeConfig, parseConfig, type SeaworthyConfig } from './config';
import { isTemplated, kindByName } from './fileKind';
import { anchorAwareFindings, duplicateKeyMessages, resolveManifestAnchors } from './kubernetes/anchoredFindings';
import { NETWORK_POLICY_RULE_ID, joinNetworkFacts, networkFactsOf, type NetworkFacts } from './kubernetes/networkFacts';
import { chunkFacts, isEmptyFacts, joinFacts, type CrossFileFacts } from './kubernetes/crossFileFacts';
import { namespaceLevelsKey, namespaceSettings, type NamespaceLevels } from './kubernetes/namespacePodSecurity';
import { findKubernetesObjects, scalarString, type KubernetesObject } from './kubernetes/objects';
import { partialObjects } from './kubernetes/partialObjects';
import { mayBindRole, roleGrantsKey, type RoleGrants } from './kubernetes/roleGrants';
import { undecodableKeys } from './kubernetes/undecodableKeys';
import { ENGINE_CHECKS, RULES, RULE_IDS, ruleById } from './registry';
import type { AnyRule, Report, RuleSettings } from './rule';
import { fileSuppressions, isSuppressed, lineSuppressions, yamlLineSuppressions, type SuppressionRegion } from './suppressions';
import { normaliseRefs, profileIncludes, shiftRange, type FileKind, type Finding, type Range, type RuleTarget, type Severity, type TextEdit } from './types';

/** Files larger than this are reported, not parsed: a stray dump must not stall the editor. */
export const MAX_FILE_CHARS = 5 * 1024 * 1024;

export interface LintInput {
  /** Path or name; decides Dockerfile vs YAML. */
  fileName: string;
  text: string;
  config?: SeaworthyConfig;
  /** Forces the kind (e.g. the editor says the language is `dockerfile`). */
  kindHint?: 'dockerfile' | 'yaml';
  /** Per-document cache, kept by the caller between versions of the same file. */
  cache?: LintCache;
  /** `YYYY-MM-DD` to judge end-of-life dates against; the current UTC date when absent. */
  today?: string;
  /** Pod Security labels of Namespaces seen elsewhere (the `crossFile` facts of the workspace's other files). */
  namespaces?: NamespaceLevels;
  /** Roles and ClusterRoles seen elsewhere (the same facts), for the bindings that name them. */
  roles?: RoleGrants;
}

export interface LintOutput {
  kind: FileKind;
  findings: Finding[];
  /** A manifest's workloads, NetworkPolicies and Namespaces, for the workspace-wide NetworkPolicy check. */
  network?: NetworkFacts;
  /** A manifest's Namespace Pod Security labels and Roles, for the lint of the other files (absent: none). */
  crossFile?: CrossFileFacts;
}

/**
 * Remembers, per YAML document chunk, its parse and its findings, keyed by the chunk's text.
 * An edit changes one chunk; the others are found here untouched.
 */
export class LintCache {
  private chunks = new Map<string, ChunkResult>();
  private configKey = '';
  /** By chunk text: its Namespace labels and Roles (null: none). They do not depend on the configuration. */
  private facts = new Map<string, CrossFileFacts | null>();
  /** Parses made to read a chunk's facts, waiting for the lint of the chunk to take them (dropped when a lint ends). */
  private parses = new Map<string, ParsedYamlChunk>();

  /** A chunk's Namespace labels and Roles; a chunk that can hold one is parsed, and the parse kept for its lint. */
  factsOf(chunk: YamlChunk): CrossFileFacts | null {
    const known = this.facts.get(chunk.text);
    if (known !== undefined) return known;
    const facts = chunkFacts(chunk, (c) => {
      const parsed = parseYamlChunk(c);
      this.parses.set(c.text, parsed);
      return parsed;
    });
    this.facts.set(chunk.text, facts);
    return facts;
  }

  /** The chunk parsed: the parse its facts were read from when one is waiting, else a new one. */
  parse(chunk: YamlChunk): ParsedYamlChunk {
    const waiting = this.parses.get(chunk.text);
    if (!waiting) return parseYamlChunk(chunk);
    // Taken once: the lint resolves its aliases in place.
    this.parses.delete(chunk.text);
    return waiting;
  }

  /** Returns the cached result for `text` under `configKey`, computing it when missing. */
  chunk(text: string, configKey: string, compute: () => ChunkResult): ChunkResult {
    if (configKey !== this.configKey) {
      this.chunks.clear();
      this.configKey = configKey;
    }
    let hit = this.chunks.get(text);
    if (!hit) {
      hit = compute();
      this.chunks.set(text, hit);
    }
    return hit;
  }

  /** Drops chunks no longer in the document, and the parses no lint took. */
  retain(texts: ReadonlySet<string>): void {
    for (const key of this.chunks.keys()) if (!texts.has(key)) this.chunks.delete(key);
    for (const key of this.facts.keys()) if (!texts.has(key)) this.facts.delete(key);
    this.parses.clear();
  }
}

/**
 * The Namespace labels and Roles of a manifest's text, read before any file is linted (they are
 * input to the lint of the others). Given the cache its lint will use, the documents parsed for
 * them are parsed once: the lint takes those parses.
 */
export function crossFileFactsOf(text: string, cache: LintCache = new LintCache()): CrossFileFacts {
  return joinFacts(splitYamlDocuments(text).map((chunk) => cache.factsOf(chunk)));
}

export interface ChunkResult {
  target: RuleTarget | null;
  /** Chunk-local findings (line 0 is the chunk's first line). */
  findings: Finding[];
  /** Chunk-local, as the findings. */
  network?: NetworkFacts;
  /** A partial object (a Kustomize patch), left unchecked: where to say so (chunk-local). */
  partial?: Range;
}

const configKeys = new WeakMap<SeaworthyConfig, string>();
function keyOf(config: SeaworthyConfig): string {
  let key = configKeys.get(config);
  if (key === undefined) {
    key = JSON.stringify(config);
    configKeys.set(config, key);
  }
  return key;
}

/**
 * `base` with a rule example's own `.seaworthy.yaml` (`RuleExample.config`) laid over it. A
 * mistake in that text is the rule author's, so it throws rather than being reported.
 */
export function configForExample(example: { config?: string }, base: SeaworthyConfig = defaultConfig()): SeaworthyConfig {
  if (example.config === undefined) return base;
  const { config, problems } = parseConfig(example.config, RULE_IDS);
  if (problems.length > 0) throw new Error(`example config: ${problems.map((p) => p.message).join('; ')}`);
  return mergeConfig(base, { ...config, profile: config.profile ?? base.profile });
}

export function lint(input: LintInput): LintOutput {
  const output = lintUnfiltered(input);
  const rules = input.config?.rules;
  if (rules?.['invalid-file'] === 'off' || rules?.['invalid-config'] === 'off') {
    output.findings = output.findings.filter((f) => rules[f.ruleId] !== 'off');
  }
  return output;
}

function lintUnfiltered(input: LintInput): LintOutput {
  const config = input.config ?? defaultConfig();
  const nameKind = input.kindHint ?? kindByName(input.fileName);
  const { text } = input;
  if (nameKind === 'unknown') return { kind: 'unknown', findings: [] };
  const refusal = refuseInput(text, config);
  if (refusal) return { kind: nameKind === 'dockerfile' ? 'dockerfile' : 'yaml', findings: [refusal] };
  if (nameKind === 'config') return { kind: 'yaml', findings: configFindings(text, config) };
  try {
    const fileIds = fileSuppressions(text);
    const today = input.today ?? new Date().toISOString().slice(0, 10);
    if (nameKind === 'dockerfile') return { kind: 'dockerfile', findings: lintDockerfile(input.fileName, text, config, fileIds, today) };
    return lintYaml(input.fileName, text, config, fileIds, input.cache ?? new LintCache(), today, input);
  } catch (e) {
    // A parser or the engine itself failed on this text: the file gets one finding naming why.
    return { kind: nameKind === 'dockerfile' ? 'dockerfile' : 'yaml', findings: [faultFinding(e, config)] };
  }
}

/** The `invalid-file` finding for a failure inside Seaworthy while reading a file or document. */
function faultFinding(e: unknown, config: SeaworthyConfig, range: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }): Finding {
  const cause = causeOf(e);
  return { ...engineFinding('invalid-file', `file not checked: Seaworthy failed while reading it (${cause})`, range, config), fault: cause };
}

function causeOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Binary and oversized input get one clear finding instead of a parse. */
function refuseInput(text: string, config: SeaworthyConfig): Finding | null {
  const at = { line: 0, character: 0 };
  const range = { start: at, end: at };
  if (text.length > MAX_FILE_CHARS) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return engineFinding('invalid-file', `file not checked: ${mb} MB is over the ${MAX_FILE_CHARS / 1024 / 1024} MB limit`, range, config);
  }
  if (text.includes('\u0000')) return engineFinding('invalid-file', 'file not checked: it holds binary data (NUL bytes), not text', range, config);
  return null;
}

export function engineFinding(ruleId: keyof typeof ENGINE_CHECKS, message: string, range: Range, config: SeaworthyConfig): Finding {
  const meta = ENGINE_CHECKS[ruleId];
  const severity = config.rules[ruleId];
  return { ruleId, severity: severity && severity !== 'off' ? severity : meta.defaultSeverity, message, range, refs: normaliseRefs(meta.refs ?? {}) };
}

function configFindings(text: string, config: SeaworthyConfig): Finding[] {
  return parseConfig(text, RULE_IDS).problems.map((p) => engineFinding('invalid-config', p.message, p.range, config));
}

function settingsOf(config: SeaworthyConfig): RuleSettings {
  return { trustedRegistries: config.trustedRegistries, podSecurityLevel: config.podSecurityLevel, labelSchema: config.labelSchema, strictLabels: config.strictLabels };
}

function enabledRules(target: RuleTarget, config: SeaworthyConfig): { rule: AnyRule; severity: Severity }[] {
  const out: { rule: AnyRule; severity: Severity }[] = [];
  for (const rule of RULES) {
    if (rule.meta.appliesTo !== target) continue;
    const override = config.rules[rule.meta.id];
    if (override === 'off') continue;
    // A rule outside the profile runs only when the config names it with a severity.
    if (override === undefined && !profileIncludes(config.profile ?? 'recommended', rule.meta.profile ?? 'recommended')) continue;
    out.push({ rule, severity: override ?? rule.meta.defaultSeverity });
  }
  return out;
}

/**
 * Runs one rule, turning its reports into findings; a rule that throws costs only its own findings.
 * With `dropRepeats` (manifests) a report repeating one already made (same range and message) is
 * dropped: a setting several pods share (a Tekton run's podTemplate, merged into each task's) is
 * one finding. Dockerfiles have no shared sites, so their reports are not keyed, and the set is
 * made on a rule's first report: a rule that finds nothing pays nothing.
 */
function runRule(rule: AnyRule, severity: Severity, invoke: (report: (r: Report) => void) => void, out: Finding[], dropRepeats = false): void {
  const refs = normaliseRefs(rule.meta.refs);
  let made: Set<string> | undefined;
  try {
    invoke((r) => {
      if (dropRepeats) {
        const key = `${r.range.start.line}:${r.range.start.character}:${r.range.end.line}:${r.range.end.character}:${r.message}`;
        made ??= new Set();
        if (made.has(key)) return;
        made.add(key);
      }
      out.push({ ruleId: rule.meta.id, severity, message: r.message, range: r.range, refs, ...(r.fix && r.fix.edits.length > 0 ? { fix: r.fix } : {}), ...(r.suggestions?.length ? { suggestions: r.suggestions } : {}), ...(r.checksumPin ? { checksumPin: r.checksumPin } : {}) });
    });
  } catch (e) {
    const at = { line: 0, character: 0 };
    const cause = `rule ${rule.meta.id} failed: ${causeOf(e)}`;
    out.push({ ruleId: 'invalid-file', severity: 'info', message: `rule ${rule.meta.id} could not check this file: ${causeOf(e)}`, range: { start: at, end: at }, refs, fault: cause });
  }
}

/** A Dockerfile line longer than this is left out of the parse: dockerfile-ast takes seconds on a 2 MB one. */
export const MAX_DOCKERFILE_LINE_CHARS = 64 * 1024;

/**
 * Lints a Dockerfile with its overlong lines emptied (every other line keeps its number and
 * columns); each such line gets an `invalid-file` finding, and the file no fixes, since one could
 * span a line the engine did not see.
 */
function lintDockerfile(fileName: string, text: string, config: SeaworthyConfig, fileIds: ReadonlySet<string>, today: string): Finding[] {
  const long = longLines(text, MAX_DOCKERFILE_LINE_CHARS);
  if (long.length === 0) {
    const findings = lintDockerfileText(fileName, text, config, fileIds, today);
    // A lone \r ends a line for the editor and dockerfile-ast but not for every rule's own text
    // reading: edits there could land in the wrong place, so such a file gets findings only.
    return /\r(?!\n)/.test(text) ? findings.map(withoutEdits) : findings;
  }
  let shortened = '';
  let at = 0;
  for (const span of long) {
    shortened += text.slice(at, span.start);
    at = span.end;
  }
  const findings = lintDockerfileText(fileName, shortened + text.slice(at), config, fileIds, today).map(withoutEdits);
  const lines = new LineIndex(text);
  for (const span of long) {
    const start = lines.position(span.start);
    const message = `line ${start.line + 1} not checked: ${Math.round((span.end - span.start) / 1024)} KB on one line is over the ${MAX_DOCKERFILE_LINE_CHARS / 1024} KB limit`;
    findings.push(engineFinding('invalid-file', message, { start, end: start }, config));
  }
  return findings;
}

/** The content spans (line breaks excluded) of lines longer than `max`. */
function longLines(text: string, max: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (text.length <= max) return out;
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start > max) out.push({ start, end: text[end - 1] === '\r' ? end - 1 : end });
    if (nl === -1) break;
    start = nl + 1;
  }
  return out;
}

function lintDockerfileText(fileName: string, text: string, config: SeaworthyConfig, fileIds: ReadonlySet<string>, today: string): Finding[] {
  const lines = new LineIndex(text);
  const dockerfile = parseDockerfileModel(text);
  const findings: Finding[] = bareUserInstructions(dockerfile, config);
  const settings = settingsOf(config);
  for (const { rule, severity } of enabledRules('dockerfile', config)) {
    runRule(rule, severity, (report) => (rule as AnyRule & { check: (c: unknown) => void }).check({ fileName, text, lines, dockerfile, settings, today, report }), findings);
  }
  for (const { run, cause } of dockerfile.unreadableRuns()) {
    const line = run.getRange().start.line;
    const at = { start: run.getRange().start, end: run.getRange().start };
    findings.push({ ...engineFinding('invalid-file', `RUN not checked: the shell parser failed on it (${cause})`, at, config), fault: `the shell parser failed on the RUN at line ${line + 1}: ${cause}` });
  }
  const instructionEnds = new Map<number, number>();
  for (const i of dockerfile.ast.getInstructions()) instructionEnds.set(i.getRange().start.line, i.getRange().end.line);
  const regions = lineSuppressions(lines, (line) => instructionEnds.get(line) ?? line);
  const skipped = buildkitSkippedChecks(dockerfile.ast);
  return findings.filter((f) => {
    const refs = ruleById(f.ruleId)?.meta.refs;
    if (skipped.size > 0 && (refs?.buildkit ?? []).some((check) => skipped.has('all') || skipped.has(check.toLowerCase()))) return false;
    return !isSuppressed(f, regions, fileIds, refs?.hadolint ?? []);
  });
}

/** `USER` with no argument: `docker build` stops on it, so it is reported (and sets no user). */
function bareUserInstructions(dockerfile: DockerfileModel, config: SeaworthyConfig): Finding[] {
  return dockerfile.ast
    .getInstructions()
    .filter((i) => i.getKeyword().toUpperCase() === 'USER' && i.getArguments().length === 0)
    .map((i) => engineFinding('invalid-file', 'USER needs a user (USER <user>[:<group>]); the build fails on a USER without one', i.getRange(), config));
}

/**
 * BuildKit's own switch, `# check=skip=SecretsUsedInArgOrEnv,…` (or `skip=all`) among the parser
 * directives, silences the rules that carry those BuildKit check names, as `docker build` would.
 */
function buildkitSkippedChecks(ast: DockerfileModel['ast']): Set<string> {
  const skipped = new Set<string>();
  for (const directive of ast.getDirectives()) {
    if (directive.getName().toLowerCase() !== 'check') continue;
    for (const part of directive.getValue().split(';')) {
      const [key, value] = part.split('=', 2).map((s) => s.trim());
      if (key?.toLowerCase() === 'skip' && value) for (const check of value.split(',')) if (check.trim()) skipped.add(check.trim().toLowerCase());
    }
  }
  return skipped;
}

function lintYaml(fileName: string, text: string, config: SeaworthyConfig, fileIds: ReadonlySet<string>, cache: LintCache, today: string, elsewhere: Pick<LintInput, 'namespaces' | 'roles'>): LintOutput {
  const chunks = splitYamlDocuments(text);
  // The file's own Namespace labels and Roles win over the ones seen elsewhere.
  const own = joinFacts(chunks.map((chunk) => cache.factsOf(chunk)));
  const namespaces = own.namespaces.size > 0 ? new Map([...(elsewhere.namespaces ?? []), ...own.namespaces]) : elsewhere.namespaces;
  const roles = own.roles.size > 0 && mayBindRole(text) ? new Map([...(elsewhere.roles ?? []), ...own.roles]) : elsewhere.roles;
  // File-wide ignores reach into each document's fixes (`isSuppressed`), so they key the cache too.
  const key = `${keyOf(config)}\u0000${[...fileIds].sort().join(',')}\u0000${today}\u0000${namespaceLevelsKey(namespaces)}\u0000${roleGrantsKey(roles)}`;
  const findings: Finding[] = [];
  const network: { facts: NetworkFacts; startLine: number }[] = [];
  const partials: Range[] = [];
  let kind: FileKind = 'yaml';
  for (const chunk of chunks) {
    // A document Seaworthy fails on costs only that document's findings.
    const compute = (): ChunkResult => {
      try {
        return lintYamlChunk(fileName, chunk, cache, config, fileIds, today, namespaces, roles);
      } catch (e) {
        return { target: null, findings: [faultFinding(e, config)] };
      }
    };
    const result = cache.chunk(chunk.text, key, compute);
    if (result.target === 'kubernetes' || (result.target === 'compose' && kind === 'yaml')) kind = result.target;
    if (result.network) network.push({ facts: result.network, startLine: chunk.startLine });
    if (result.partial) partials.push(shiftRange(result.partial, chunk.startLine));
    for (const f of result.findings) {
      if (!isSuppressed(f, [], fileIds, ruleById(f.ruleId)?.meta.refs.hadolint ?? [])) findings.push(shiftFinding(f, chunk.startLine));
    }
  }
  cache.retain(new Set(chunks.map((c) => c.text)));
  const skipped = templatedManifests(chunks, config, fileIds);
  if (skipped) findings.push(skipped);
  const patches = partialManifests(partials, config);
  if (patches && !isSuppressed(patches, [], fileIds, [])) findings.push(patches);
  // Templates are not manifests until rendered: nothing certain to say about their namespaces.
  return { kind, findings, ...(network.length > 0 && !isTemplated(text) ? { network: joinNetworkFacts(network) } : {}), ...(isEmptyFacts(own) ? {} : { crossFile: own }) };
}

function lintYamlChunk(fileName: string, chunk: YamlChunk, cache: LintCache, config: SeaworthyConfig, fileIds: ReadonlySet<string>, today: string, namespaces: NamespaceLevels | undefined, roles: RoleGrants | undefined): ChunkResult {
  if (isTemplated(chunk.text)) return { target: null, findings: [] };
  const parsed = cache.parse(chunk);
  const target = targetOf(parsed);
  if (!target) return { target: null, findings: [] };
  const lines = new LineIndex(chunk.text);
  const findings: Finding[] = yamlErrorFindings(parsed, lines, config);
  const doc = parsed.doc;
  if (!doc) return { target, findings };
  const rangeOf = (node: YamlNode): Range => {
    const r = node.range;
    return r ? lines.range(r[0], r[1]) : lines.range(0, 0);
  };
  const rangeOfPair = (pair: Pair): Range => {
    const start = (pair.key as YamlNode | null)?.range?.[0] ?? 0;
    const end = (pair.value as YamlNode | null)?.range?.[1] ?? (pair.key as YamlNode | null)?.range?.[1] ?? start;
    return lines.range(start, end);
  };
  const badKeys = target === 'kubernetes' ? undecodableKeys(doc, chunk.text) : [];
  for (const k of badKeys) findings.push(engineFinding('invalid-file', k.message, lines.range(k.start, k.end), config));
  const anchors = target === 'kubernetes' ? resolveManifestAnchors(parsed) : null;
  for (const d of duplicateKeyMessages(anchors, lines)) findings.push({ ...engineFinding('invalid-file', d.message, d.range, config), ...(d.fix ? { fix: d.fix } : {}) });
  const objects = target === 'kubernetes' ? findKubernetesObjects(doc, config.podTemplatePaths) : [];
  // Kustomize patches are checked for what they set themselves (their pod specs say what is unseen).
  const patches = partialObjects(fileName, objects);
  const partialAt = patches[0] ? rangeOf(patches[0].at) : null;
  const { settings, exempt } = namespaceSettings(settingsOf(config), objects, namespaces);
  const regions = [...yamlLineSuppressions(lines), ...annotationSuppressions(objects, lines)];
  const suppressed = (f: Pick<Finding, 'ruleId' | 'range'>, ids: ReadonlySet<string>): boolean => isSuppressed(f, regions, ids, ruleById(f.ruleId)?.meta.refs.hadolint ?? []);
  const isRuleSuppressed = (ruleId: string, range: Range): boolean => suppressed({ ruleId, range }, fileIds);
  const base = { fileName, text: chunk.text, lines, doc, rangeOf, rangeOfPair, isSuppressed: isRuleSuppressed, settings, today };
  for (const { rule, severity } of enabledRules(target, config)) {
    runRule(rule, severity, (report) => (rule as AnyRule & { check: (c: unknown) => void }).check({ ...base, objects, roles, report }), findings, true);
  }
  // A `privileged` namespace: the admission controller checks nothing there.
  const admitted = exempt ? findings.filter((f) => (ruleById(f.ruleId)?.meta.refs.pss ?? []).length === 0) : findings;
  const kept = anchorAwareFindings(admitted.filter((f) => !suppressed(f, new Set())), anchors, lines);
  const network = target === 'kubernetes' && !partialAt ? networkFactsOf(objects, rangeOf, (range) => suppressed({ ruleId: NETWORK_POLICY_RULE_ID, range }, fileIds)) : undefined;
  // Where the parser had to guess, an edit computed on its guess can break the file further: a
  // document with syntax errors gets its findings but no fixes until it parses. So does one with a
  // lone \r, a line end for the editor but not for the YAML parser, which would misplace edits.
  // Keys kubectl cannot read (`: x`, `? {a: 1}`) are where the parser is most lenient: the same.
  const unsure = parsed.errors.length > 0 || badKeys.length > 0 || /\r(?!\n)/.test(chunk.text);
  // "Ignore here" above the patch silences the note; a patch is no workload for the NetworkPolicy check.
  const partial = partialAt && !suppressed({ ruleId: 'partial-object-not-checked', range: partialAt }, new Set()) ? { partial: partialAt } : {};
  return { target, findings: unsure ? kept.map(withoutEdits) : kept, ...(network ? { network } : {}), ...partial };
}

function withoutEdits(f: Finding): Finding {
  if (!f.fix && !f.suggestions) return f;
  const { fix: _fix, suggestions: _suggestions, ...rest } = f;
  return rest;
}

/**
 * The parser's errors as findings. Nesting past the stack fails at every level below it; the
 * user sees that once, with the reason, rather than one finding per bracket.
 */
function yamlErrorFindings(parsed: ParsedYamlChunk, lines: LineIndex, config: SeaworthyConfig): Finding[] {
  const findings: Finding[] = [];
  let tooDeep = false;
  for (const e of syntaxErrorsOnePerPlace(parsed.errors)) {
    if (e.message.includes('Maximum call stack size exceeded')) {
      if (tooDeep) continue;
      tooDeep = true;
      const message = 'YAML nested too deeply to read: the document is not checked below this point';
      findings.push({ ...engineFinding('invalid-file', message, lines.range(e.start, e.end), config), fault: `YAML nested too deeply (${e.message})` });
      continue;
    }
    findings.push(engineFinding('invalid-file', `YAML syntax error: ${e.message}`, lines.range(e.start, e.end), config));
  }
  return findings;
}

/** The parser often reports one mistake twice at the same offset: the first (most specific) stands. */
function syntaxErrorsOnePerPlace<E extends { start: number }>(errors: readonly E[]): E[] {
  const seen = new Set<number>();
  return errors.filter((e) => !seen.has(e.start) && seen.add(e.start) !== undefined);
}

/** A document is Kubernetes when its root has `apiVersion` and `kind`; Compose when it has `services`. */
function targetOf(parsed: ParsedYamlChunk): RuleTarget | null {
  const { isMap } = yamlLibrary();
  const root = parsed.doc?.contents;
  if (isMap(root)) {
    // Of two equal keys the decoder keeps the later, and so does the check (see yamlResolve).
    if (scalarString(laterValue(root, 'apiVersion')) && scalarString(laterValue(root, 'kind'))) return 'kubernetes';
    if (isMap(root.get('services', true))) return 'compose';
    return null;
  }
  // Unparsable: judge by the top-level keys in the text, so broken manifests still get their syntax errors.
  if (parsed.errors.length > 0) {
    if (/^apiVersion\s*:/m.test(parsed.chunk.text) && /^kind\s*:/m.test(parsed.chunk.text)) return 'kubernetes';
    if (/^services\s*:/m.test(parsed.chunk.text)) return 'compose';
  }
  return null;
}

/** The value of the last pair whose key is `key`. */
function laterValue(map: YAMLMap, key: string): unknown {
  const { isScalar } = yamlLibrary();
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i] as Pair;
    if (isScalar(pair.key) && pair.key.value === key) return pair.value;
  }
  return undefined;
}

const IGNORE_ANNOTATION = 'seaworthy.dev/ignore';

/** `seaworthy.dev/ignore: "rule-a,rule-b"` on the object or its pod template. */
function annotationSuppressions(objects: readonly KubernetesObject[], lines: LineIndex): SuppressionRegion[] {
  const regions: SuppressionRegion[] = [];
  const add = (metadata: YAMLMap | null, scope: YamlNode): void => {
    const annotations = metadata?.get('annotations', true);
    const value = yamlLibrary().isMap(annotations) ? scalarString(annotations.get(IGNORE_ANNOTATION, true)) : null;
    if (!value || !scope.range) return;
    const ids = new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''));
    regions.push({ ids, startLine: lines.position(scope.range[0]).line, endLine: lines.position(scope.range[2]).line });
  };
  for (const object of objects) {
    add(object.metadata, object.node);
    for (const site of object.podSpecs) {
      if (site.metadata !== object.metadata) add(site.metadata, site.spec);
    }
  }
  return regions;
}

function shiftFinding(f: Finding, lines: number): Finding {
  if (lines === 0) return f;
  const shift = (r: Range): Range => shiftRange(r, lines);
  const shiftEdits = (edits: readonly TextEdit[]): TextEdit[] => edits.map((e) => ({ range: shift(e.range), newText: e.newText }));
  return {
    ...f,
    range: shift(f.range),
    ...(f.fix ? { fix: { title: f.fix.title, edits: shiftEdits(f.fix.edits) } } : {}),
    ...(f.suggestions ? { suggestions: f.suggestions.map((s) => ({ ...s, edits: shiftEdits(s.edits) })) } : {}),
  };
}

export { CONFIG_FILE_NAME };

/** One `partial-object-not-checked` info for the Kustomize patches of a file, on the first one's `kind`. */
function partialManifests(partials: readonly Range[], config: SeaworthyConfig): Finding | null {
  const first = partials[0];
  if (!first || config.rules['partial-object-not-checked'] === 'off') return null;
  const count = partials.length === 1 ? 'a Kubernetes document' : `${partials.length} Kubernetes documents`;
  return engineFinding('partial-object-not-checked', `Kustomize patch: ${count} with a container without image or a pod spec without containers checked only for what they set themselves: what they leave out comes from the base, so nothing missing is reported there (check the output of kustomize build)`, first, config);
}

/**
 * One `template-not-checked` finding for the Helm template documents of a file that look like
 * Kubernetes objects (`apiVersion:` and `kind:` at the top level), on the first `{{`.
 */
function templatedManifests(chunks: readonly YamlChunk[], config: SeaworthyConfig, fileIds: ReadonlySet<string>): Finding | null {
  if (config.rules['template-not-checked'] === 'off' || fileIds.has('template-not-checked')) return null;
  // A document's first `{{`, unless a pragma above it ignores the finding there ("Ignore here").
  const places = chunks.flatMap((chunk) => {
    if (!isTemplated(chunk.text) || !/^apiVersion\s*:/m.test(chunk.text) || !/^kind\s*:/m.test(chunk.text)) return [];
    const lines = new LineIndex(chunk.text);
    const at = chunk.text.indexOf('{{');
    const close = chunk.text.indexOf('}}', at);
    const range = lines.range(at, close === -1 ? at + 2 : close + 2);
    const regions = yamlLineSuppressions(lines);
    return isSuppressed({ ruleId: 'template-not-checked', range }, regions, new Set(), []) ? [] : [{ chunk, range }];
  });
  const first = places[0];
  if (!first) return null;
  const count = places.length === 1 ? 'a Kubernetes document' : `${places.length} Kubernetes documents`;
  const finding = engineFinding('template-not-checked', `Helm template: ${count} with {{ … }} not checked until rendered (check the output of helm template)`, first.range, config);
  return shiftFinding(finding, first.chunk.startLine);
}

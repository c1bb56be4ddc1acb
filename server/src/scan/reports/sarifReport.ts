import { normaliseSeverity, type ImageScan, type ScanEngineId, type ScanFinding, type Vulnerability } from '../model';
import { arrayAt, digestOf, fixedVersions, isObject, objectAt, optionalTextAt, textAt, textsAt, titleFrom, type JsonObject } from './jsonValues';
import { parsePackageUrl } from './packageUrl';
import { ReportError } from './reportError';

/** The SARIF writers Seaworthy knows, by `tool.driver.name` (lower-cased). */
const ENGINES: Record<string, ScanEngineId> = { trivy: 'trivy', grype: 'grype', 'docker scout': 'docker-scout' };

/**
 * SARIF 2.1.0 from Trivy, Grype or Docker Scout: one image scan per run. SARIF has no field for
 * a package or its versions, so each tool writes them as `Key: value` lines: Trivy in the
 * result's message, Grype in the rule's help, Scout (`Key    : value`, a purl for the package)
 * in the result's message, because Scout's rule properties describe only one of the packages a
 * CVE hits. The result's lines win over the rule's.
 */
export function parseSarifReport(json: unknown): ImageScan[] {
  if (!isObject(json) || !Array.isArray(json.runs)) throw new ReportError('not a SARIF log (no runs array)');
  return json.runs.filter(isObject).map(parseRun);
}

function parseRun(run: JsonObject): ImageScan {
  const driver = objectAt(objectAt(run, 'tool'), 'driver');
  const toolName = textAt(driver, 'name');
  const engine = ENGINES[toolName.toLowerCase()];
  if (!engine) throw new ReportError(`SARIF from '${toolName || 'an unnamed tool'}' is not a scanner report Seaworthy reads (Trivy, Grype or Docker Scout)`);
  const rules = arrayAt(driver, 'rules').filter(isObject);
  const properties = objectAt(run, 'properties');
  const vulnerabilities: Vulnerability[] = [];
  const findings: ScanFinding[] = [];
  let imageInMessage = '';
  let os: ImageScan['os'] = null;
  for (const result of arrayAt(run, 'results').filter(isObject)) {
    const kind = textAt(result, 'kind');
    if (kind !== '' && kind !== 'fail') continue;
    const rule = ruleOf(result, rules);
    const fields = { ...keyValues(textAt(objectAt(rule, 'help'), 'text')), ...keyValues(textAt(objectAt(result, 'message'), 'text')) };
    const item = itemOf(result, rule, fields, textAt(driver, 'informationUri'));
    if ('package' in item) vulnerabilities.push(item);
    else findings.push(item);
    // Grype names the image only in its messages: "… was found in image alpine:3.20 at: /lib/…".
    imageInMessage ||= /\bin image (\S+) at:/.exec(textAt(objectAt(result, 'message'), 'text'))?.[1] ?? '';
    os ??= osOfPackage(fields.package);
  }
  return {
    image: textAt(properties, 'imageName') || imageInMessage,
    digest: textsAt(properties, 'repoDigests').map(digestOf).find((d) => d !== null) ?? null,
    engine,
    os,
    vulnerabilities,
    findings,
  };
}

function ruleOf(result: JsonObject, rules: readonly JsonObject[]): JsonObject {
  const index = result.ruleIndex;
  if (typeof index === 'number' && rules[index]) return rules[index];
  const id = textAt(result, 'ruleId');
  return rules.find((r) => textAt(r, 'id') === id) ?? {};
}

/** A result with a package is a vulnerability; one without (a secret, a misconfiguration) a finding. */
function itemOf(result: JsonObject, rule: JsonObject, fields: Record<string, string>, toolUri: string): Vulnerability | ScanFinding {
  const ruleId = textAt(result, 'ruleId') || textAt(rule, 'id');
  const severity = normaliseSeverity(fields.severity || textAt(objectAt(rule, 'properties'), 'cvssV3_severity') || severityTag(rule));
  const purl = parsePackageUrl(fields.package ?? '');
  const packageName = purl?.name ?? fields.package;
  if (packageName === undefined) {
    const path = textAt(objectAt(objectAt(arrayAt(result, 'locations')[0], 'physicalLocation'), 'artifactLocation'), 'uri');
    return { ruleId, severity, message: textAt(objectAt(result, 'message'), 'text').split('\n')[0] ?? '', path: path || null };
  }
  const fixed = fields['fixed version'] ?? fields['fix version'] ?? '';
  return {
    // Grype's rule ids are `<vulnerability>-<package>`; its help text names the vulnerability.
    id: fields.vulnerability ?? ruleId,
    package: packageName,
    installedVersion: purl?.version ?? fields['installed version'] ?? fields.version ?? '',
    fixedVersion: fixed.toLowerCase() === 'not fixed' ? null : fixedVersions([fixed]),
    severity,
    title: titleOf(rule, fields.vulnerability ?? ruleId),
    url: urlIn(fields.link) ?? (textAt(rule, 'helpUri') && textAt(rule, 'helpUri') !== toolUri ? optionalTextAt(rule, 'helpUri') : null),
  };
}

/**
 * `Key: value` and `Key      : value` lines, keys lower-cased; `Vulnerability CVE-…` (no colon,
 * Trivy's and Grype's first line) counts as the `vulnerability` key.
 */
export function keyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const heading = /^\s*\**Vulnerability\s+([^\s:*]+)\**\s*$/.exec(line);
    if (heading) {
      out.vulnerability = heading[1] as string;
      continue;
    }
    const pair = /^\s*([A-Za-z][A-Za-z ]*?)\s*:\s?(.*)$/.exec(line);
    if (pair) out[(pair[1] as string).toLowerCase()] = (pair[2] as string).trim();
  }
  return out;
}

/** The rule's short description, unless it only repeats the id (Scout): then the help text's first line. */
function titleOf(rule: JsonObject, id: string): string {
  const short = textAt(objectAt(rule, 'shortDescription'), 'text');
  return short && short !== id ? short : titleFrom(textAt(objectAt(rule, 'help'), 'text'));
}

function severityTag(rule: JsonObject): string | undefined {
  return textsAt(objectAt(rule, 'properties'), 'tags').find((t) => normaliseSeverity(t) !== 'unknown');
}

/** `[CVE-…](https://…)` or a bare `https://…`; null for `CVE-1999-0001` (Grype's link text). */
function urlIn(text: string | undefined): string | null {
  return /\((https?:\/\/[^)\s]+)\)/.exec(text ?? '')?.[1] ?? /^(https?:\/\/\S+)$/.exec(text ?? '')?.[1] ?? null;
}

/** Scout's purls carry the image's OS: `?os_distro=bookworm&os_name=debian&os_version=12`. */
function osOfPackage(packageText: string | undefined): ImageScan['os'] {
  const qualifiers = parsePackageUrl(packageText ?? '')?.qualifiers;
  const family = qualifiers?.get('os_name');
  return family ? { family, version: qualifiers?.get('os_version') ?? '' } : null;
}

import { normaliseSeverity, type ImageScan, type ScanEngineId, type ScanSeverity, type Vulnerability } from '../model';
import { arrayAt, digestOf, isObject, objectAt, optionalTextAt, textAt, titleFrom, type JsonObject } from './jsonValues';
import { ReportError } from './reportError';

/** The CycloneDX writers Seaworthy knows, by the tool component's name. */
const ENGINES: Record<string, ScanEngineId> = { trivy: 'trivy', grype: 'grype', 'docker scout': 'docker-scout', seaworthy: 'builtin' };

/**
 * A CycloneDX BOM with `vulnerabilities` (Trivy `--format cyclonedx`, Grype `-o cyclonedx-json`):
 * one vulnerability per affected component. The fixed version is only in Trivy's free-text
 * `recommendation`. Severity: the rating of the vulnerability's own source (what Trivy's JSON
 * calls `SeveritySource`), else NVD's newest CVSS rating, else the first CVSS rating; EPSS and
 * KEV entries (`method: "other"`) are not severities.
 */
export function parseCycloneDxReport(json: unknown): ImageScan {
  if (!isObject(json) || json.bomFormat !== 'CycloneDX') throw new ReportError('not a CycloneDX document (bomFormat is not "CycloneDX")');
  const metadata = objectAt(json, 'metadata');
  const tool = toolNames(metadata).find((n) => ENGINES[n] !== undefined);
  if (!tool) throw new ReportError(`CycloneDX from '${toolNames(metadata).join(', ') || 'an unnamed tool'}' is not a scanner report Seaworthy reads (Trivy or Grype)`);
  const subject = objectAt(metadata, 'component');
  const components = new Map<string, JsonObject>();
  for (const c of arrayAt(json, 'components').filter(isObject)) components.set(textAt(c, 'bom-ref'), c);
  const system = [...components.values()].find((c) => textAt(c, 'type') === 'operating-system');
  return {
    image: textAt(subject, 'name'),
    digest: digestOf(textAt(subject, 'version')) ?? repoDigestProperty(subject),
    engine: ENGINES[tool] as ScanEngineId,
    os: system ? { family: textAt(system, 'name'), version: textAt(system, 'version') } : null,
    vulnerabilities: arrayAt(json, 'vulnerabilities')
      .filter(isObject)
      .flatMap((v) => arrayAt(v, 'affects').filter(isObject).map((a) => vulnerabilityOf(v, components.get(textAt(a, 'ref')) ?? {}))),
    findings: [],
  };
}

/** CycloneDX 1.5+ lists tools as `tools.components[]`; 1.4 and earlier as a `tools[]` array. */
function toolNames(metadata: JsonObject): string[] {
  const tools = metadata.tools;
  const list = Array.isArray(tools) ? tools : arrayAt(tools, 'components');
  return list.filter(isObject).map((t) => textAt(t, 'name').toLowerCase()).filter((n) => n !== '');
}

function repoDigestProperty(subject: JsonObject): string | null {
  const property = arrayAt(subject, 'properties')
    .filter(isObject)
    .find((p) => textAt(p, 'name') === 'aquasecurity:trivy:RepoDigest');
  return property ? digestOf(textAt(property, 'value')) : null;
}

function vulnerabilityOf(v: JsonObject, component: JsonObject): Vulnerability {
  const name = textAt(component, 'name');
  const upgrade = /^Upgrade (.+?) to version (.+)$/.exec(textAt(v, 'recommendation'));
  return {
    id: textAt(v, 'id'),
    package: name,
    installedVersion: textAt(component, 'version'),
    fixedVersion: upgrade ? (upgrade[2] as string).trim() : null,
    severity: severityOf(v),
    title: titleFrom(textAt(v, 'description')),
    url: optionalTextAt(arrayAt(v, 'advisories').filter(isObject)[0], 'url'),
  };
}

const CVSS_NEWEST_FIRST = ['CVSSv4', 'CVSSv31', 'CVSSv3', 'CVSSv2'];

function severityOf(v: JsonObject): ScanSeverity {
  const ratings = arrayAt(v, 'ratings')
    .filter(isObject)
    .filter((r) => textAt(r, 'method') !== 'other' && textAt(r, 'severity') !== '');
  const source = (r: JsonObject): string => textAt(objectAt(r, 'source'), 'name').toLowerCase();
  const own = textAt(objectAt(v, 'source'), 'name').toLowerCase();
  const cvssRank = (r: JsonObject): number => {
    const rank = CVSS_NEWEST_FIRST.indexOf(textAt(r, 'method'));
    return rank === -1 ? CVSS_NEWEST_FIRST.length : rank;
  };
  const nvd = ratings.filter((r) => source(r) === 'nvd').sort((a, b) => cvssRank(a) - cvssRank(b));
  const chosen = (own ? ratings.find((r) => source(r) === own) : undefined) ?? nvd[0] ?? ratings[0];
  return normaliseSeverity(chosen?.severity);
}

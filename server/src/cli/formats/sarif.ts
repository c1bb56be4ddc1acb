import { kindByName, type Severity } from '../../engine';
import { refsSummary, ruleCatalogue, type CatalogueEntry } from '../catalogue';
import type { CheckReport, FileFinding } from '../checkReport';
import { projectLinks } from '../projectLinks';
import { artifactLocationOf, folderUri, regionOf, SARIF_SCHEMA, SRCROOT } from './sarifLocations';


/** SARIF levels: info and hint become `note`. */
const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** GitHub code scanning ranks security alerts by this property (0.1–10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '1.0' };

/**
 * `check --format sarif`: SARIF 2.1.0 with one run. Every rule of the catalogue is listed (so
 * `ruleIndex` is stable across runs); positions are 1-based with exclusive end columns, in UTF-16
 * code units like LSP; file URIs are relative to `%SRCROOT%`, the working directory.
 */
export function formatSarif(report: CheckReport, toolVersion: string): string {
  const catalogue = ruleCatalogue();
  const indexById = new Map(catalogue.map((e, i) => [e.id, i]));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'seaworthy',
            version: toolVersion,
            semanticVersion: toolVersion,
            ...(projectLinks().home ? { informationUri: projectLinks().home } : {}),
            rules: catalogue.map(sarifRule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(report.cwd) } },
        invocations: [
          {
            executionSuccessful: report.inputErrors.length === 0,
            toolExecutionNotifications: report.inputErrors.map((message) => ({ level: 'error', message: { text: message } })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => sarifResult(f, indexById.get(f.ruleId), report.cwd)),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function sarifRule(e: CatalogueEntry): Record<string, unknown> {
  const security = e.category !== 'hygiene';
  return {
    id: e.id,
    name: e.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: e.title },
    fullDescription: { text: e.rationale },
    ...(e.helpUri ? { helpUri: e.helpUri } : {}),
    help: { text: e.helpUri ? `${e.rationale} ${e.helpUri}` : e.rationale, markdown: helpMarkdown(e) },
    defaultConfiguration: { level: LEVELS[e.severity] },
    properties: {
      category: e.category,
      tags: [...(security ? ['security'] : []), e.category, e.appliesTo],
      refs: e.refs,
      ...(security ? { 'security-severity': SECURITY_SEVERITY[e.severity] } : {}),
    },
  };
}

function helpMarkdown(e: CatalogueEntry): string {
  const parts = [`**${e.title}**`, e.rationale];
  const example = (label: string, x: CatalogueEntry['compliant']): void => {
    if (!x) return;
    const language = kindByName(x.fileName) === 'dockerfile' ? 'dockerfile' : 'yaml';
    parts.push(`${label} (\`${x.fileName}\`):\n\n\`\`\`${language}\n${x.text.replace(/\n$/, '')}\n\`\`\``);
  };
  example('Non-compliant', e.nonCompliant);
  example('Compliant', e.compliant);
  const refs = refsSummary(e.refs);
  if (refs) parts.push(`Same control elsewhere: ${refs}.`);
  if (e.helpUri) parts.push(`[Documentation](${e.helpUri})`);
  return parts.join('\n\n');
}

function sarifResult(f: FileFinding, ruleIndex: number | undefined, cwd: string): Record<string, unknown> {
  const artifactLocation = artifactLocationOf(f.file, cwd);
  return {
    ruleId: f.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVELS[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation, region: regionOf(f.range) } }],
    ...(f.fix
      ? {
          fixes: [
            {
              description: { text: f.fix.title },
              artifactChanges: [
                {
                  artifactLocation,
                  replacements: f.fix.edits.map((e) => ({ deletedRegion: regionOf(e.range), insertedContent: { text: e.newText } })),
                },
              ],
            },
          ],
        }
      : {}),
  };
}
